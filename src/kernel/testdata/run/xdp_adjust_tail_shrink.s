# bpf_xdp_adjust_tail(-20)
# @type xdp
# @map res:array:4:8:16
# @packet udp dport=5001
  r6 = r1
  r2 = -20
  call 65
  *(u64 *)(r10 - 16) = r0
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls11
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls11:
  r0 = 2
  exit
