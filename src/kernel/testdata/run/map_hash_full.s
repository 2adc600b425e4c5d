# a full hash refuses a new key with E2BIG but still updates existing ones
# @type xdp
# @map res:array:4:8:16
# @map h:hash:4:4:3
# @packet udp dport=5001
  r1 = 0
  *(u32 *)(r10 - 32) = r1
  r1 = 100
  *(u32 *)(r10 - 24) = r1
  r1 = h ll
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
  if r0 == 0 goto Ls50
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls50:
  r1 = 1
  *(u32 *)(r10 - 32) = r1
  r1 = 101
  *(u32 *)(r10 - 24) = r1
  r1 = h ll
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
  if r0 == 0 goto Ls51
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls51:
  r1 = 2
  *(u32 *)(r10 - 32) = r1
  r1 = 102
  *(u32 *)(r10 - 24) = r1
  r1 = h ll
  r2 = r10
  r2 += -32
  r3 = r10
  r3 += -24
  r4 = 0
  call 2
  *(u64 *)(r10 - 16) = r0
  r1 = 2
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls52
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls52:
  r1 = 3
  *(u32 *)(r10 - 32) = r1
  r1 = 103
  *(u32 *)(r10 - 24) = r1
  r1 = h ll
  r2 = r10
  r2 += -32
  r3 = r10
  r3 += -24
  r4 = 0
  call 2
  *(u64 *)(r10 - 16) = r0
  r1 = 3
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls53
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls53:
  r1 = 1
  *(u32 *)(r10 - 32) = r1
  r1 = 999
  *(u32 *)(r10 - 24) = r1
  r1 = h ll
  r2 = r10
  r2 += -32
  r3 = r10
  r3 += -24
  r4 = 2
  call 2
  *(u64 *)(r10 - 16) = r0
  r1 = 4
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls54
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls54:
  r0 = 2
  exit
