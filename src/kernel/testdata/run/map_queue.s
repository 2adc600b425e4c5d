# queue: FIFO; full push E2BIG; BPF_EXIST overwrites the oldest; bad flags EINVAL; empty pop ENOENT
# @type xdp
# @map res:array:4:8:16
# @map q:queue:0:8:2
# @packet udp dport=5001
  r1 = 11
  *(u64 *)(r10 - 24) = r1
  r1 = q ll
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
  if r0 == 0 goto Ls70
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls70:
  r1 = 22
  *(u64 *)(r10 - 24) = r1
  r1 = q ll
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
  if r0 == 0 goto Ls71
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls71:
  r1 = 33
  *(u64 *)(r10 - 24) = r1
  r1 = q ll
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
  if r0 == 0 goto Ls72
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls72:
  r1 = 44
  *(u64 *)(r10 - 24) = r1
  r1 = q ll
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
  if r0 == 0 goto Ls73
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls73:
  r1 = 55
  *(u64 *)(r10 - 24) = r1
  r1 = q ll
  r2 = r10
  r2 += -24
  r3 = 1
  call 87
  *(u64 *)(r10 - 16) = r0
  r1 = 4
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls74
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls74:
  r1 = q ll
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
  if r0 == 0 goto Ls75
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls75:
  r1 = q ll
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
  if r0 == 0 goto Ls76
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls76:
  r0 = *(u64 *)(r10 - 24)
  *(u64 *)(r10 - 16) = r0
  r1 = 7
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls77
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls77:
  r1 = q ll
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
  if r0 == 0 goto Ls78
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls78:
  r0 = *(u64 *)(r10 - 24)
  *(u64 *)(r10 - 16) = r0
  r1 = 9
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls79
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls79:
  r1 = q ll
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
  if r0 == 0 goto Ls80
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls80:
  r0 = *(u64 *)(r10 - 24)
  *(u64 *)(r10 - 16) = r0
  r1 = 11
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls81
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls81:
  r0 = 2
  exit
