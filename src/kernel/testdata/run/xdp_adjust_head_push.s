# bpf_xdp_adjust_head(-4) then write 4 bytes in front
# @type xdp
# @map res:array:4:8:16
# @packet udp dport=5001
  r6 = r1
  r2 = -4
  call 44
  *(u64 *)(r10 - 16) = r0
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls5
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls5:
  r2 = *(u32 *)(r6 + 0)
  r3 = *(u32 *)(r6 + 4)
  r4 = r2
  r4 += 4
  r0 = 0
  if r4 > r3 goto out
  r1 = 0x44434241
  *(u32 *)(r2 + 0) = r1
  r0 = 2
out:
  exit
