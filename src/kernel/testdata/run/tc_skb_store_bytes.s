# bpf_skb_store_bytes rewrites the UDP destination port; bad flags -EINVAL; past the end -EFAULT
# @type sched_cls
# @map res:array:4:8:16
# @packet udp dport=5001
  r6 = r1
  r1 = 0x3500
  *(u16 *)(r10 - 8) = r1
  r1 = r6
  r2 = 36
  r3 = r10
  r3 += -8
  r4 = 2
  r5 = 0
  call 9
  *(u64 *)(r10 - 16) = r0
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls161
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls161:
  r1 = r6
  r2 = 36
  r3 = r10
  r3 += -8
  r4 = 2
  r5 = 8
  call 9
  *(u64 *)(r10 - 16) = r0
  r1 = 1
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls162
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls162:
  r1 = r6
  r2 = 59
  r3 = r10
  r3 += -8
  r4 = 2
  r5 = 0
  call 9
  *(u64 *)(r10 - 16) = r0
  r1 = 2
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls163
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls163:
  r0 = 0
  exit
