# data_end - data through the converted 32-bit ctx loads
# @type xdp
# @packet udp dport=5001
# @packet tcp
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r0 = r3
  r0 -= r2
  exit
