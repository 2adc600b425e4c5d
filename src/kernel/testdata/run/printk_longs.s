# %ld %lx %llu
# @type xdp
# @map res:array:4:8:16
# @packet udp dport=5001
  r1 = 2339738913132014629 ll
  *(u64 *)(r10 - 64) = r1
  r1 = 1970039845 ll
  *(u64 *)(r10 - 56) = r1
  r1 = r10
  r1 += -64
  r2 = 13
  r3 = -5
  r4 = -1
  r5 = 7
  call 6
  *(u64 *)(r10 - 16) = r0
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls110
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls110:
  r0 = 2
  exit
