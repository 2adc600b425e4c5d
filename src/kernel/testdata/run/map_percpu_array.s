# per-CPU array: the run on CPU 0 counts in CPU 0's slot; lookup_percpu_elem(cpu 1) sees 0, cpu 2 NULL
# @type xdp
# @map res:array:4:8:16
# @map pc:percpu_array:4:8:2
# @packet udp dport=5001
# @packet udp dport=5001
  r1 = 1
  *(u32 *)(r10 - 32) = r1
  r2 = r10
  r2 += -32
  r1 = pc ll
  call 1
  if r0 == 0 goto out
  r1 = 5
  lock *(u64 *)(r0 + 0) += r1
  r1 = pc ll
  r2 = r10
  r2 += -32
  r3 = 1
  call 195
  if r0 == 0 goto out
  r0 = *(u64 *)(r0 + 0)
  *(u64 *)(r10 - 16) = r0
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls37
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls37:
  r1 = pc ll
  r2 = r10
  r2 += -32
  r3 = 2
  call 195
  *(u64 *)(r10 - 16) = r0
  r1 = 1
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls38
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls38:
  call 8
  *(u64 *)(r10 - 16) = r0
  r1 = 2
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls39
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls39:
out:
  r0 = 2
  exit
