# LRU hash of 4: a fifth key evicts instead of E2BIG
# @type xdp
# @map res:array:4:8:16
# @map lru:lru_hash:4:8:4
# @packet udp dport=5001
  r1 = 1
  *(u32 *)(r10 - 32) = r1
  *(u64 *)(r10 - 24) = r1
  r1 = lru ll
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
  if r0 == 0 goto Ls55
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls55:
  r1 = 2
  *(u32 *)(r10 - 32) = r1
  *(u64 *)(r10 - 24) = r1
  r1 = lru ll
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
  if r0 == 0 goto Ls56
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls56:
  r1 = 3
  *(u32 *)(r10 - 32) = r1
  *(u64 *)(r10 - 24) = r1
  r1 = lru ll
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
  if r0 == 0 goto Ls57
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls57:
  r1 = 4
  *(u32 *)(r10 - 32) = r1
  *(u64 *)(r10 - 24) = r1
  r1 = lru ll
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
  if r0 == 0 goto Ls58
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls58:
  r1 = 1
  *(u32 *)(r10 - 32) = r1
  r1 = lru ll
  r2 = r10
  r2 += -32
  call 1
  r0 = 0
  r1 = 5
  *(u32 *)(r10 - 32) = r1
  *(u64 *)(r10 - 24) = r1
  r1 = lru ll
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
  if r0 == 0 goto Ls59
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls59:
  r0 = 2
  exit
