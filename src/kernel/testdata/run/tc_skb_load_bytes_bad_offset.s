# bpf_skb_load_bytes with an offset over 0xffff is -EFAULT
# @type sched_cls
# @map res:array:4:8:16
# @packet udp dport=5001
  r6 = r1
  r1 = r6
  r2 = 65536
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
  if r0 == 0 goto Ls229
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls229:
  r1 = r6
  r2 = -1
  r3 = r10
  r3 += -24
  r4 = 4
  call 26
  *(u64 *)(r10 - 16) = r0
  r1 = 1
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls230
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls230:
  r0 = 0
  exit
