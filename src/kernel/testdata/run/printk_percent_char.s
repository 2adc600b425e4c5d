# %% and %c
# @type xdp
# @map res:array:4:8:16
# @packet udp dport=5001
  r1 = 7144151727802953777 ll
  *(u64 *)(r10 - 64) = r1
  r1 = 0 ll
  *(u64 *)(r10 - 56) = r1
  r1 = r10
  r1 += -64
  r2 = 9
  r3 = 65
  call 6
  *(u64 *)(r10 - 16) = r0
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls112
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls112:
  r0 = 2
  exit
