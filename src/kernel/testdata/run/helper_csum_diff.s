# bpf_csum_diff over 4 and 8 bytes, with a seed; sizes not a multiple of 4 are -EINVAL
# @type xdp
# @map res:array:4:8:16
# @packet udp dport=5001
  r1 = 1311768467177459183 ll
  *(u64 *)(r10 - 24) = r1
  r1 = 1084818905618843912 ll
  *(u64 *)(r10 - 32) = r1
  r1 = r10
  r1 += -24
  r2 = 4
  r3 = r10
  r3 += -32
  r4 = 4
  r5 = 0
  call 28
  *(u64 *)(r10 - 16) = r0
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls122
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls122:
  r1 = r10
  r1 += -24
  r2 = 8
  r3 = r10
  r3 += -32
  r4 = 8
  r5 = 0x1234
  call 28
  *(u64 *)(r10 - 16) = r0
  r1 = 1
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls123
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls123:
  r1 = 0
  r2 = 0
  r3 = r10
  r3 += -32
  r4 = 8
  r5 = 0
  call 28
  *(u64 *)(r10 - 16) = r0
  r1 = 2
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls124
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls124:
  r1 = r10
  r1 += -24
  r2 = 3
  r3 = r10
  r3 += -32
  r4 = 4
  r5 = 0
  call 28
  *(u64 *)(r10 - 16) = r0
  r1 = 3
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls125
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls125:
  r0 = 2
  exit
