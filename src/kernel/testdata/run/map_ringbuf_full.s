# a 4096-byte ring fills: reservations of 1000 bytes succeed three times, then NULL
# @type xdp
# @map res:array:4:8:16
# @map rb:ringbuf:0:0:4096
# @packet udp dport=5001
  r1 = rb ll
  r2 = 1000
  r3 = 0
  call 131
  r6 = r0
  r0 = 0
  if r6 == 0 goto Lf0
  r0 = 1
  r1 = r6
  r2 = 0
  call 132
  r0 = 1
Lf0:
  *(u64 *)(r10 - 16) = r0
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls101
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls101:
  r1 = rb ll
  r2 = 1000
  r3 = 0
  call 131
  r6 = r0
  r0 = 0
  if r6 == 0 goto Lf1
  r0 = 1
  r1 = r6
  r2 = 0
  call 132
  r0 = 1
Lf1:
  *(u64 *)(r10 - 16) = r0
  r1 = 1
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls102
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls102:
  r1 = rb ll
  r2 = 1000
  r3 = 0
  call 131
  r6 = r0
  r0 = 0
  if r6 == 0 goto Lf2
  r0 = 1
  r1 = r6
  r2 = 0
  call 132
  r0 = 1
Lf2:
  *(u64 *)(r10 - 16) = r0
  r1 = 2
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls103
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls103:
  r1 = rb ll
  r2 = 1000
  r3 = 0
  call 131
  r6 = r0
  r0 = 0
  if r6 == 0 goto Lf3
  r0 = 1
  r1 = r6
  r2 = 0
  call 132
  r0 = 1
Lf3:
  *(u64 *)(r10 - 16) = r0
  r1 = 3
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls104
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls104:
  r1 = rb ll
  r2 = 1000
  r3 = 0
  call 131
  r6 = r0
  r0 = 0
  if r6 == 0 goto Lf4
  r0 = 1
  r1 = r6
  r2 = 0
  call 132
  r0 = 1
Lf4:
  *(u64 *)(r10 - 16) = r0
  r1 = 4
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls105
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls105:
  r1 = rb ll
  r2 = 0
  call 134
  *(u64 *)(r10 - 16) = r0
  r1 = 5
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls106
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls106:
  r0 = 2
  exit
