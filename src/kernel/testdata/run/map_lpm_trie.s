# LPM trie: longest-prefix lookups, EINVAL past 32 bits, EEXIST / ENOENT flags, ENOSPC when full, delete by exact prefix
# @type xdp
# @map res:array:4:8:32
# @map lpm:lpm_trie:8:8:5:1
# @packet udp dport=5001
  r1 = 8
  *(u32 *)(r10 - 48) = r1
  r1 = 0xa
  *(u32 *)(r10 - 44) = r1
  r1 = 1
  *(u64 *)(r10 - 56) = r1
  r1 = lpm ll
  r2 = r10
  r2 += -48
  r3 = r10
  r3 += -56
  r4 = 0
  call 2
  *(u64 *)(r10 - 16) = r0
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls191
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls191:
  r1 = 16
  *(u32 *)(r10 - 48) = r1
  r1 = 0x10a
  *(u32 *)(r10 - 44) = r1
  r1 = 2
  *(u64 *)(r10 - 56) = r1
  r1 = lpm ll
  r2 = r10
  r2 += -48
  r3 = r10
  r3 += -56
  r4 = 0
  call 2
  *(u64 *)(r10 - 16) = r0
  r1 = 1
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls192
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls192:
  r1 = 24
  *(u32 *)(r10 - 48) = r1
  r1 = 0x2010a
  *(u32 *)(r10 - 44) = r1
  r1 = 3
  *(u64 *)(r10 - 56) = r1
  r1 = lpm ll
  r2 = r10
  r2 += -48
  r3 = r10
  r3 += -56
  r4 = 0
  call 2
  *(u64 *)(r10 - 16) = r0
  r1 = 2
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls193
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls193:
  r1 = 16
  *(u32 *)(r10 - 48) = r1
  r1 = 0xa8c0
  *(u32 *)(r10 - 44) = r1
  r1 = 4
  *(u64 *)(r10 - 56) = r1
  r1 = lpm ll
  r2 = r10
  r2 += -48
  r3 = r10
  r3 += -56
  r4 = 0
  call 2
  *(u64 *)(r10 - 16) = r0
  r1 = 3
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls194
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls194:
  r1 = 32
  *(u32 *)(r10 - 48) = r1
  r1 = 0x302010a
  *(u32 *)(r10 - 44) = r1
  r1 = lpm ll
  r2 = r10
  r2 += -48
  call 1
  if r0 == 0 goto Lg4
  r0 = *(u64 *)(r0 + 0)
Lg4:
  *(u64 *)(r10 - 16) = r0
  r1 = 4
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls195
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls195:
  r1 = 32
  *(u32 *)(r10 - 48) = r1
  r1 = 0x909010a
  *(u32 *)(r10 - 44) = r1
  r1 = lpm ll
  r2 = r10
  r2 += -48
  call 1
  if r0 == 0 goto Lg5
  r0 = *(u64 *)(r0 + 0)
Lg5:
  *(u64 *)(r10 - 16) = r0
  r1 = 5
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls196
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls196:
  r1 = 32
  *(u32 *)(r10 - 48) = r1
  r1 = 0x909090a
  *(u32 *)(r10 - 44) = r1
  r1 = lpm ll
  r2 = r10
  r2 += -48
  call 1
  if r0 == 0 goto Lg6
  r0 = *(u64 *)(r0 + 0)
Lg6:
  *(u64 *)(r10 - 16) = r0
  r1 = 6
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls197
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls197:
  r1 = 32
  *(u32 *)(r10 - 48) = r1
  r1 = 0x100000b
  *(u32 *)(r10 - 44) = r1
  r1 = lpm ll
  r2 = r10
  r2 += -48
  call 1
  if r0 == 0 goto Lg7
  r0 = *(u64 *)(r0 + 0)
Lg7:
  *(u64 *)(r10 - 16) = r0
  r1 = 7
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls198
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls198:
  r1 = 16
  *(u32 *)(r10 - 48) = r1
  r1 = 0x302010a
  *(u32 *)(r10 - 44) = r1
  r1 = lpm ll
  r2 = r10
  r2 += -48
  call 1
  if r0 == 0 goto Lg8
  r0 = *(u64 *)(r0 + 0)
Lg8:
  *(u64 *)(r10 - 16) = r0
  r1 = 8
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls199
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls199:
  r1 = 33
  *(u32 *)(r10 - 48) = r1
  r1 = 0xa
  *(u32 *)(r10 - 44) = r1
  r1 = 9
  *(u64 *)(r10 - 56) = r1
  r1 = lpm ll
  r2 = r10
  r2 += -48
  r3 = r10
  r3 += -56
  r4 = 0
  call 2
  *(u64 *)(r10 - 16) = r0
  r1 = 9
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls200
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls200:
  r1 = 8
  *(u32 *)(r10 - 48) = r1
  r1 = 0xa
  *(u32 *)(r10 - 44) = r1
  r1 = 9
  *(u64 *)(r10 - 56) = r1
  r1 = lpm ll
  r2 = r10
  r2 += -48
  r3 = r10
  r3 += -56
  r4 = 1
  call 2
  *(u64 *)(r10 - 16) = r0
  r1 = 10
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls201
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls201:
  r1 = 9
  *(u32 *)(r10 - 48) = r1
  r1 = 0xa
  *(u32 *)(r10 - 44) = r1
  r1 = 9
  *(u64 *)(r10 - 56) = r1
  r1 = lpm ll
  r2 = r10
  r2 += -48
  r3 = r10
  r3 += -56
  r4 = 2
  call 2
  *(u64 *)(r10 - 16) = r0
  r1 = 11
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls202
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls202:
  r1 = 8
  *(u32 *)(r10 - 48) = r1
  r1 = 0xa
  *(u32 *)(r10 - 44) = r1
  r1 = 5
  *(u64 *)(r10 - 56) = r1
  r1 = lpm ll
  r2 = r10
  r2 += -48
  r3 = r10
  r3 += -56
  r4 = 2
  call 2
  *(u64 *)(r10 - 16) = r0
  r1 = 12
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls203
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls203:
  r1 = 0
  *(u32 *)(r10 - 48) = r1
  r1 = 0x0
  *(u32 *)(r10 - 44) = r1
  r1 = 6
  *(u64 *)(r10 - 56) = r1
  r1 = lpm ll
  r2 = r10
  r2 += -48
  r3 = r10
  r3 += -56
  r4 = 0
  call 2
  *(u64 *)(r10 - 16) = r0
  r1 = 13
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls204
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls204:
  r1 = 32
  *(u32 *)(r10 - 48) = r1
  r1 = 0x4030201
  *(u32 *)(r10 - 44) = r1
  r1 = 7
  *(u64 *)(r10 - 56) = r1
  r1 = lpm ll
  r2 = r10
  r2 += -48
  r3 = r10
  r3 += -56
  r4 = 0
  call 2
  *(u64 *)(r10 - 16) = r0
  r1 = 14
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls205
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls205:
  r1 = 24
  *(u32 *)(r10 - 48) = r1
  r1 = 0x2010a
  *(u32 *)(r10 - 44) = r1
  r1 = lpm ll
  r2 = r10
  r2 += -48
  call 3
  *(u64 *)(r10 - 16) = r0
  r1 = 15
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls206
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls206:
  r1 = 24
  *(u32 *)(r10 - 48) = r1
  r1 = 0x2010a
  *(u32 *)(r10 - 44) = r1
  r1 = lpm ll
  r2 = r10
  r2 += -48
  call 3
  *(u64 *)(r10 - 16) = r0
  r1 = 16
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls207
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls207:
  r1 = 40
  *(u32 *)(r10 - 48) = r1
  r1 = 0x2010a
  *(u32 *)(r10 - 44) = r1
  r1 = lpm ll
  r2 = r10
  r2 += -48
  call 3
  *(u64 *)(r10 - 16) = r0
  r1 = 17
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls208
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls208:
  r1 = 32
  *(u32 *)(r10 - 48) = r1
  r1 = 0x302010a
  *(u32 *)(r10 - 44) = r1
  r1 = lpm ll
  r2 = r10
  r2 += -48
  call 1
  if r0 == 0 goto Lg18
  r0 = *(u64 *)(r0 + 0)
Lg18:
  *(u64 *)(r10 - 16) = r0
  r1 = 18
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls209
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls209:
  r1 = 32
  *(u32 *)(r10 - 48) = r1
  r1 = 0x9090963
  *(u32 *)(r10 - 44) = r1
  r1 = lpm ll
  r2 = r10
  r2 += -48
  call 1
  if r0 == 0 goto Lg19
  r0 = *(u64 *)(r0 + 0)
Lg19:
  *(u64 *)(r10 - 16) = r0
  r1 = 19
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls210
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls210:
  r0 = 2
  exit
