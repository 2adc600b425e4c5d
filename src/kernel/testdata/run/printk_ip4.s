# %pI4 and %pi4 read 4 bytes through the pointer
# @type xdp
# @map res:array:4:8:16
# @packet udp dport=5001
  r1 = 0x0401a8c0
  *(u32 *)(r10 - 72) = r1
  r1 = 7597613391620436005 ll
  *(u64 *)(r10 - 64) = r1
  r1 = 52 ll
  *(u64 *)(r10 - 56) = r1
  r1 = r10
  r1 += -64
  r2 = 10
  r3 = r10
  r3 += -72
  r4 = r10
  r4 += -72
  call 6
  *(u64 *)(r10 - 16) = r0
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls118
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls118:
  r0 = 2
  exit
