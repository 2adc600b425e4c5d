# array update: E2BIG past the end, EEXIST with NOEXIST, EINVAL for bad flags and F_LOCK; delete EINVAL; lookup past the end NULL
# @type xdp
# @map res:array:4:8:16
# @map arr:array:4:4:4
# @packet udp dport=5001
  r1 = 0 ll
  *(u64 *)(r10 - 32) = r1
  r1 = 0x11223344
  *(u32 *)(r10 - 24) = r1
  r1 = 0
  *(u32 *)(r10 - 32) = r1
  r1 = arr ll
  r2 = r10
  r2 += -32
  r3 = r10
  r3 += -24
  r4 = 0
  call 2
  *(u64 *)(r10 - 16) = r0
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls28
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls28:
  r1 = 4
  *(u32 *)(r10 - 32) = r1
  r1 = arr ll
  r2 = r10
  r2 += -32
  r3 = r10
  r3 += -24
  r4 = 0
  call 2
  *(u64 *)(r10 - 16) = r0
  r1 = 1
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls29
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls29:
  r1 = 1
  *(u32 *)(r10 - 32) = r1
  r1 = arr ll
  r2 = r10
  r2 += -32
  r3 = r10
  r3 += -24
  r4 = 1
  call 2
  *(u64 *)(r10 - 16) = r0
  r1 = 2
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls30
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls30:
  r1 = 1
  *(u32 *)(r10 - 32) = r1
  r1 = arr ll
  r2 = r10
  r2 += -32
  r3 = r10
  r3 += -24
  r4 = 2
  call 2
  *(u64 *)(r10 - 16) = r0
  r1 = 3
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls31
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls31:
  r1 = 1
  *(u32 *)(r10 - 32) = r1
  r1 = arr ll
  r2 = r10
  r2 += -32
  r3 = r10
  r3 += -24
  r4 = 3
  call 2
  *(u64 *)(r10 - 16) = r0
  r1 = 4
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls32
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls32:
  r1 = 1
  *(u32 *)(r10 - 32) = r1
  r1 = arr ll
  r2 = r10
  r2 += -32
  r3 = r10
  r3 += -24
  r4 = 4
  call 2
  *(u64 *)(r10 - 16) = r0
  r1 = 5
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls33
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls33:
  r1 = 3
  *(u32 *)(r10 - 32) = r1
  r1 = arr ll
  r2 = r10
  r2 += -32
  r3 = r10
  r3 += -24
  r4 = 2
  call 2
  *(u64 *)(r10 - 16) = r0
  r1 = 6
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls34
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls34:
  r1 = arr ll
  r2 = r10
  r2 += -32
  call 3
  *(u64 *)(r10 - 16) = r0
  r1 = 7
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls35
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls35:
  r1 = 4
  *(u32 *)(r10 - 32) = r1
  r1 = arr ll
  r2 = r10
  r2 += -32
  call 1
  *(u64 *)(r10 - 16) = r0
  r1 = 8
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls36
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls36:
  r0 = 2
  exit
