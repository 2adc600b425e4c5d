# bpf_probe_read_kernel_str copies up to the NUL and returns the length with it; truncates to size; NULL is -ERANGE
# @type xdp
# @map res:array:4:8:16
# @packet udp dport=5001
  r1 = 478560413032 ll
  *(u64 *)(r10 - 24) = r1
  r1 = -1 ll
  *(u64 *)(r10 - 40) = r1
  r1 = r10
  r1 += -40
  r2 = 16
  r3 = r10
  r3 += -24
  call 115
  *(u64 *)(r10 - 16) = r0
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls224
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls224:
  r0 = *(u64 *)(r10 - 40)
  *(u64 *)(r10 - 16) = r0
  r1 = 1
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls225
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls225:
  r1 = 0 ll
  *(u64 *)(r10 - 40) = r1
  r1 = r10
  r1 += -40
  r2 = 3
  r3 = r10
  r3 += -24
  call 115
  *(u64 *)(r10 - 16) = r0
  r1 = 2
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls226
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls226:
  r0 = *(u64 *)(r10 - 40)
  *(u64 *)(r10 - 16) = r0
  r1 = 3
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls227
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls227:
  r1 = r10
  r1 += -40
  r2 = 8
  r3 = 0
  call 115
  *(u64 *)(r10 - 16) = r0
  r1 = 4
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls228
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls228:
  r0 = 2
  exit
