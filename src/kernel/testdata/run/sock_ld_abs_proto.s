# LD_ABS in a socket filter is relative to the network header: keep UDP only
# @type socket_filter
# @packet udp dport=5001
# @packet tcp
  r6 = r1
  r0 = *(u8 *)skb[9]
  if r0 != 17 goto drop
  r0 = -1
  exit
drop:
  r0 = 0
  exit
