# swap source and destination MAC, XDP_TX
# @type xdp
# @packet udp dport=5001
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 14
  r0 = 0
  if r4 > r3 goto out
  r4 = *(u32 *)(r2 + 0)
  r5 = *(u16 *)(r2 + 4)
  r6 = *(u32 *)(r2 + 6)
  r7 = *(u16 *)(r2 + 10)
  *(u32 *)(r2 + 0) = r6
  *(u16 *)(r2 + 4) = r7
  *(u32 *)(r2 + 6) = r4
  *(u16 *)(r2 + 10) = r5
  r0 = 3
out:
  exit
