# raw_tracepoint: count by the first argument in a hash; CPU id
# @type raw_tracepoint
# @map res:array:4:8:16
# @map cnt:hash:8:8:8
# @ctx 2a00000000000000
  r6 = r1
  r1 = *(u64 *)(r6 + 0)
  *(u64 *)(r10 - 24) = r1
  r1 = 1
  *(u64 *)(r10 - 32) = r1
  r1 = cnt ll
  r2 = r10
  r2 += -24
  r3 = r10
  r3 += -32
  r4 = 0
  call 2
  *(u64 *)(r10 - 16) = r0
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls244
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls244:
  call 8
  *(u64 *)(r10 - 16) = r0
  r1 = 1
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls245
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls245:
  r0 = 0
  exit
