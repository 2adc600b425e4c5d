# metadata may reach 252 bytes (4-aligned, below 256) once adjust_head made room
# @type xdp
# @map res:array:4:8:16
# @packet udp dport=5001
  r6 = r1
  r2 = 40
  call 44
  *(u64 *)(r10 - 16) = r0
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls23
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls23:
  r1 = r6
  r2 = -256
  call 54
  *(u64 *)(r10 - 16) = r0
  r1 = 1
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls24
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls24:
  r1 = r6
  r2 = -252
  call 54
  *(u64 *)(r10 - 16) = r0
  r1 = 2
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls25
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls25:
  r2 = *(u32 *)(r6 + 0)
  r3 = *(u32 *)(r6 + 8)
  r0 = r2
  r0 -= r3
  *(u64 *)(r10 - 16) = r0
  r1 = 3
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls26
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls26:
  r0 = 2
  exit
