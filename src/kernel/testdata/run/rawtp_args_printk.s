# raw_tracepoint: arguments from ctx_in, printed with bpf_trace_printk (process context flags)
# @type raw_tracepoint
# @map res:array:4:8:16
# @ctx 05000000000000000700000000000000ffffffffffffffff
  r6 = r1
  r1 = 2683408844241321313 ll
  *(u64 *)(r10 - 32) = r1
  r1 = 28266404870561892 ll
  *(u64 *)(r10 - 24) = r1
  r3 = *(u64 *)(r6 + 0)
  r4 = *(u64 *)(r6 + 8)
  r5 = *(u64 *)(r6 + 16)
  r1 = r10
  r1 += -32
  r2 = 16
  call 6
  *(u64 *)(r10 - 16) = r0
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls243
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls243:
  r0 = *(u64 *)(r6 + 0)
  r1 = *(u64 *)(r6 + 8)
  r0 *= r1
  exit
