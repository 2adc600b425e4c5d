# bpf_xdp_load_bytes / store_bytes and bpf_xdp_get_buff_len; past the end -EINVAL
# @type xdp
# @map res:array:4:8:16
# @packet udp dport=5001
  r6 = r1
  r1 = r6
  call 188
  *(u64 *)(r10 - 16) = r0
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls218
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls218:
  r1 = r6
  r2 = 12
  r3 = r10
  r3 += -24
  r4 = 2
  call 189
  *(u64 *)(r10 - 16) = r0
  r1 = 1
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls219
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls219:
  r0 = *(u16 *)(r10 - 24)
  *(u64 *)(r10 - 16) = r0
  r1 = 2
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls220
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls220:
  r1 = 0xaabbccdd
  *(u32 *)(r10 - 24) = r1
  r1 = r6
  r2 = 0
  r3 = r10
  r3 += -24
  r4 = 4
  call 190
  *(u64 *)(r10 - 16) = r0
  r1 = 3
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls221
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls221:
  r1 = r6
  r2 = 57
  r3 = r10
  r3 += -24
  r4 = 4
  call 189
  *(u64 *)(r10 - 16) = r0
  r1 = 4
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls222
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls222:
  r1 = r6
  r2 = 57
  r3 = r10
  r3 += -24
  r4 = 4
  call 190
  *(u64 *)(r10 - 16) = r0
  r1 = 5
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls223
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls223:
  r0 = 2
  exit
