# a ctx pointer spilled to the stack and filled back is still converted
# @type xdp
# @packet udp dport=5001
  *(u64 *)(r10 - 8) = r1
  r1 = 0
  r6 = *(u64 *)(r10 - 8)
  r2 = *(u32 *)(r6 + 0)
  r3 = *(u32 *)(r6 + 4)
  r0 = r3
  r0 -= r2
  exit
