# LRU per-CPU hash
# @type xdp
# @map res:array:4:8:16
# @map lru:lru_percpu_hash:4:8:64
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
  if r0 == 0 goto Ls65
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls65:
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
  if r0 == 0 goto Ls66
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls66:
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
  if r0 == 0 goto Ls67
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls67:
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
  if r0 == 0 goto Ls68
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls68:
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
  if r0 == 0 goto Ls69
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls69:
  r0 = 2
  exit
