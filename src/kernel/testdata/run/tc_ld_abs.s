# legacy LD_ABS/LD_IND in tc read from the Ethernet header (big-endian)
# @type sched_cls
# @map res:array:4:8:16
# @packet udp dport=5001
  r6 = r1
  r0 = *(u16 *)skb[12]
  *(u64 *)(r10 - 16) = r0
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls171
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls171:
  r0 = *(u8 *)skb[23]
  *(u64 *)(r10 - 16) = r0
  r1 = 1
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls172
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls172:
  r7 = 20
  r0 = *(u32 *)skb[r7 + 6]
  *(u64 *)(r10 - 16) = r0
  r1 = 2
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls173
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls173:
  r0 = 0
  exit
