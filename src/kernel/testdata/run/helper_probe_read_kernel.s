# bpf_probe_read_kernel copies stack bytes; a NULL source is -EFAULT and zero-fills
# @type xdp
# @map res:array:4:8:16
# @packet udp dport=5001
  r1 = 1234605616436508552 ll
  *(u64 *)(r10 - 24) = r1
  r1 = r10
  r1 += -32
  r2 = 8
  r3 = r10
  r3 += -24
  call 113
  *(u64 *)(r10 - 16) = r0
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls130
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls130:
  r0 = *(u64 *)(r10 - 32)
  *(u64 *)(r10 - 16) = r0
  r1 = 1
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls131
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls131:
  r1 = r10
  r1 += -32
  r2 = 8
  r3 = 0
  call 113
  *(u64 *)(r10 - 16) = r0
  r1 = 2
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls132
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls132:
  r0 = *(u64 *)(r10 - 32)
  *(u64 *)(r10 - 16) = r0
  r1 = 3
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls133
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls133:
  r0 = 2
  exit
