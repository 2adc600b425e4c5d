# widths and flags: %5d %-4x %05u
# @type xdp
# @map res:array:4:8:16
# @packet udp dport=5001
  r1 = 3759702480111609179 ll
  *(u64 *)(r10 - 64) = r1
  r1 = 26306044135570552 ll
  *(u64 *)(r10 - 56) = r1
  r1 = r10
  r1 += -64
  r2 = 16
  r3 = 42
  r4 = 10
  r5 = 7
  call 6
  *(u64 *)(r10 - 16) = r0
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls111
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls111:
  r0 = 2
  exit
