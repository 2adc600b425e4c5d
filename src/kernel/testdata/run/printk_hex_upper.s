# %X and %llx
# @type xdp
# @map res:array:4:8:16
# @packet udp dport=5001
  r1 = 33896208940423205 ll
  *(u64 *)(r10 - 64) = r1
  r1 = r10
  r1 += -64
  r2 = 8
  r3 = 48879
  r4 = 0x123456789 ll
  call 6
  *(u64 *)(r10 - 16) = r0
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls117
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls117:
  r0 = 2
  exit
