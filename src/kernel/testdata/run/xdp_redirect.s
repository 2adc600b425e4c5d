# bpf_redirect(ifindex, 0) is XDP_REDIRECT; flags != 0 give XDP_ABORTED
# @type xdp
# @map res:array:4:8:16
# @packet udp dport=5001
  r1 = 1
  r2 = 1
  call 23
  *(u64 *)(r10 - 16) = r0
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls27
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls27:
  r1 = 7
  r2 = 0
  call 23
  exit
