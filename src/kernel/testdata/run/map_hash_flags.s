# hash update flags: NOEXIST twice (EEXIST), EXIST on a missing key (ENOENT), bad flags (EINVAL), delete missing (ENOENT)
# @type xdp
# @map res:array:4:8:16
# @map h:hash:4:8:8
# @packet udp dport=5001
  r1 = 4369 ll
  *(u64 *)(r10 - 24) = r1
  r1 = 7
  *(u32 *)(r10 - 32) = r1
  r1 = h ll
  r2 = r10
  r2 += -32
  r3 = r10
  r3 += -24
  r4 = 1
  call 2
  *(u64 *)(r10 - 16) = r0
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls40
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls40:
  r1 = 7
  *(u32 *)(r10 - 32) = r1
  r1 = h ll
  r2 = r10
  r2 += -32
  r3 = r10
  r3 += -24
  r4 = 1
  call 2
  *(u64 *)(r10 - 16) = r0
  r1 = 1
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls41
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls41:
  r1 = 9
  *(u32 *)(r10 - 32) = r1
  r1 = h ll
  r2 = r10
  r2 += -32
  r3 = r10
  r3 += -24
  r4 = 2
  call 2
  *(u64 *)(r10 - 16) = r0
  r1 = 2
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls42
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls42:
  r1 = 7
  *(u32 *)(r10 - 32) = r1
  r1 = h ll
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
  if r0 == 0 goto Ls43
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls43:
  r1 = 8
  *(u32 *)(r10 - 32) = r1
  r1 = h ll
  r2 = r10
  r2 += -32
  r3 = r10
  r3 += -24
  r4 = 0
  call 2
  *(u64 *)(r10 - 16) = r0
  r1 = 4
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls44
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls44:
  r1 = 8
  *(u32 *)(r10 - 32) = r1
  r1 = h ll
  r2 = r10
  r2 += -32
  r3 = r10
  r3 += -24
  r4 = 5
  call 2
  *(u64 *)(r10 - 16) = r0
  r1 = 5
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls45
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls45:
  r1 = 9
  *(u32 *)(r10 - 32) = r1
  r1 = h ll
  r2 = r10
  r2 += -32
  call 3
  *(u64 *)(r10 - 16) = r0
  r1 = 6
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls46
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls46:
  r1 = 8
  *(u32 *)(r10 - 32) = r1
  r1 = h ll
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
  if r0 == 0 goto Ls47
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls47:
  r1 = h ll
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
  if r0 == 0 goto Ls48
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls48:
  r0 = 2
  exit
