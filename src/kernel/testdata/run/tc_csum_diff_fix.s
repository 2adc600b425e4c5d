# recompute the IPv4 checksum after rewriting the destination with bpf_csum_diff + bpf_l3_csum_replace (size 0)
# @type sched_cls
# @map res:array:4:8:16
# @packet udp dport=5001
  r6 = r1
  r1 = r6
  r2 = 30
  r3 = r10
  r3 += -8
  r4 = 4
  call 26
  r1 = 0x0901a8c0
  *(u32 *)(r10 - 16) = r1
  r1 = r10
  r1 += -8
  r2 = 4
  r3 = r10
  r3 += -16
  r4 = 4
  r5 = 0
  call 28
  r7 = r0
  *(u64 *)(r10 - 16) = r0
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls231
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls231:
  r1 = r6
  r2 = 30
  r3 = r10
  r3 += -16
  r4 = 4
  r5 = 0
  call 9
  r1 = r6
  r2 = 24
  r3 = 0
  r4 = r7
  r5 = 0
  call 10
  *(u64 *)(r10 - 16) = r0
  r1 = 1
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls232
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls232:
  r1 = r6
  r2 = 24
  r3 = 1
  r4 = r7
  r5 = 0
  call 10
  *(u64 *)(r10 - 16) = r0
  r1 = 2
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls233
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls233:
  r0 = 0
  exit
