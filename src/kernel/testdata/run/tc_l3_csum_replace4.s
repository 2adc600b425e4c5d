# change the source address and fix the checksum with a 4-byte replace
# @type sched_cls
# @map res:array:4:8:16
# @packet udp dport=5001
  r6 = r1
  r1 = r6
  r2 = 26
  r3 = r10
  r3 += -8
  r4 = 4
  call 26
  r7 = *(u32 *)(r10 - 8)
  r8 = 0x6401a8c0
  *(u32 *)(r10 - 8) = r8
  r1 = r6
  r2 = 26
  r3 = r10
  r3 += -8
  r4 = 4
  r5 = 0
  call 9
  r1 = r6
  r2 = 24
  r3 = r7
  r4 = r8
  r5 = 4
  call 10
  *(u64 *)(r10 - 16) = r0
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls167
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls167:
  r0 = 0
  exit
