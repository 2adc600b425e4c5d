# stack: LIFO, same errors as the queue
# @type xdp
# @map res:array:4:8:16
# @map s:stack:0:8:2
# @packet udp dport=5001
  r1 = 11
  *(u64 *)(r10 - 24) = r1
  r1 = s ll
  r2 = r10
  r2 += -24
  r3 = 0
  call 87
  *(u64 *)(r10 - 16) = r0
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls82
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls82:
  r1 = 22
  *(u64 *)(r10 - 24) = r1
  r1 = s ll
  r2 = r10
  r2 += -24
  r3 = 0
  call 87
  *(u64 *)(r10 - 16) = r0
  r1 = 1
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls83
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls83:
  r1 = 33
  *(u64 *)(r10 - 24) = r1
  r1 = s ll
  r2 = r10
  r2 += -24
  r3 = 0
  call 87
  *(u64 *)(r10 - 16) = r0
  r1 = 2
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls84
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls84:
  r1 = 44
  *(u64 *)(r10 - 24) = r1
  r1 = s ll
  r2 = r10
  r2 += -24
  r3 = 2
  call 87
  *(u64 *)(r10 - 16) = r0
  r1 = 3
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls85
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls85:
  r1 = s ll
  r2 = r10
  r2 += -24
  call 89
  r0 = *(u64 *)(r10 - 24)
  *(u64 *)(r10 - 16) = r0
  r1 = 5
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls86
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls86:
  r1 = s ll
  r2 = r10
  r2 += -24
  call 88
  *(u64 *)(r10 - 16) = r0
  r1 = 6
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls87
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls87:
  r0 = *(u64 *)(r10 - 24)
  *(u64 *)(r10 - 16) = r0
  r1 = 7
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls88
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls88:
  r1 = s ll
  r2 = r10
  r2 += -24
  call 88
  *(u64 *)(r10 - 16) = r0
  r1 = 8
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls89
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls89:
  r0 = *(u64 *)(r10 - 24)
  *(u64 *)(r10 - 16) = r0
  r1 = 9
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls90
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls90:
  r1 = s ll
  r2 = r10
  r2 += -24
  call 88
  *(u64 *)(r10 - 16) = r0
  r1 = 10
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls91
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls91:
  r0 = *(u64 *)(r10 - 24)
  *(u64 *)(r10 - 16) = r0
  r1 = 11
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls92
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls92:
  r0 = 2
  exit
