# bpf_skb_load_bytes: the UDP ports; past the end -EFAULT and zero-filled
# @type sched_cls
# @map res:array:4:8:16
# @packet udp dport=5001
  r6 = r1
  r1 = -1 ll
  *(u64 *)(r10 - 24) = r1
  r1 = r6
  r2 = 34
  r3 = r10
  r3 += -24
  r4 = 4
  call 26
  *(u64 *)(r10 - 16) = r0
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls152
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls152:
  r0 = *(u32 *)(r10 - 24)
  *(u64 *)(r10 - 16) = r0
  r1 = 1
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls153
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls153:
  r1 = r6
  r2 = 58
  r3 = r10
  r3 += -24
  r4 = 4
  call 26
  *(u64 *)(r10 - 16) = r0
  r1 = 2
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls154
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls154:
  r0 = *(u32 *)(r10 - 24)
  *(u64 *)(r10 - 16) = r0
  r1 = 3
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls155
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls155:
  r0 = 0
  exit
