# ring buffer: reserve/submit, output, discard, query positions; oversize and bad flags fail
# @type xdp
# @map res:array:4:8:16
# @map rb:ringbuf:0:0:4096
# @packet udp dport=5001
  r1 = rb ll
  r2 = 12
  r3 = 0
  call 131
  if r0 == 0 goto fail
  r1 = 0x61626364
  *(u32 *)(r0 + 0) = r1
  r1 = r0
  r2 = 0
  call 132
  r1 = 578437695752307201 ll
  *(u64 *)(r10 - 24) = r1
  r1 = rb ll
  r2 = r10
  r2 += -24
  r3 = 8
  r4 = 0
  call 130
  *(u64 *)(r10 - 16) = r0
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls93
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls93:
  r1 = rb ll
  r2 = r10
  r2 += -24
  r3 = 8
  r4 = 4
  call 130
  *(u64 *)(r10 - 16) = r0
  r1 = 1
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls94
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls94:
  r1 = rb ll
  r2 = 4096
  r3 = 0
  call 131
  if r0 == 0 goto Lr2
  r1 = r0
  r2 = 0
  call 133
  r0 = 99
Lr2:
  *(u64 *)(r10 - 16) = r0
  r1 = 2
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls95
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls95:
  r1 = rb ll
  r2 = 8
  r3 = 1
  call 131
  if r0 == 0 goto Lr3
  r1 = r0
  r2 = 0
  call 133
  r0 = 99
Lr3:
  *(u64 *)(r10 - 16) = r0
  r1 = 3
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls96
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls96:
  r1 = rb ll
  r2 = 5
  r3 = 0
  call 131
  if r0 == 0 goto fail
  r1 = r0
  r2 = 0
  call 133
  r1 = rb ll
  r2 = 0
  call 134
  *(u64 *)(r10 - 16) = r0
  r1 = 4
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls97
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls97:
  r1 = rb ll
  r2 = 1
  call 134
  *(u64 *)(r10 - 16) = r0
  r1 = 5
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls98
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls98:
  r1 = rb ll
  r2 = 2
  call 134
  *(u64 *)(r10 - 16) = r0
  r1 = 6
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls99
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls99:
  r1 = rb ll
  r2 = 3
  call 134
  *(u64 *)(r10 - 16) = r0
  r1 = 7
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls100
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls100:
  r0 = 2
  exit
fail:
  r0 = 0
  exit
