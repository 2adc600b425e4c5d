# XDP takes frames the skb test runs would refuse (any length from 14 bytes)
# @type xdp
# @packet hex 0200000000020200000000010800450000
# @packet hex 02000000000202000000000186dd
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r0 = r3
  r0 -= r2
  exit
