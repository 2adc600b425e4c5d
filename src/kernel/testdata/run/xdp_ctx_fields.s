# ingress_ifindex, rx_queue_index and data_meta == data in a test run
# @type xdp
# @map res:array:4:8:16
# @packet udp dport=5001
  r6 = r1
  r0 = *(u32 *)(r6 + 12)
  *(u64 *)(r10 - 16) = r0
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls0
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls0:
  r0 = *(u32 *)(r6 + 16)
  *(u64 *)(r10 - 16) = r0
  r1 = 1
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls1
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls1:
  r2 = *(u32 *)(r6 + 0)
  r3 = *(u32 *)(r6 + 8)
  r0 = r2
  r0 -= r3
  *(u64 *)(r10 - 16) = r0
  r1 = 2
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls2
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls2:
  r0 = 2
  exit
