# bpf_printk from a socket filter
# @type socket_filter
# @map res:array:4:8:16
# @packet udp dport=5001
  r6 = r1
  r1 = 8079586534307554668 ll
  *(u64 *)(r10 - 32) = r1
  r1 = 33817942998413170 ll
  *(u64 *)(r10 - 24) = r1
  r3 = *(u32 *)(r6 + 0)
  r4 = *(u32 *)(r6 + 16)
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
  if r0 == 0 goto Ls190
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls190:
  r0 = 0
  exit
