# LD_ABS with SKF_LL_OFF reads the Ethernet header
# @type socket_filter
# @packet udp dport=5001
  r6 = r1
  r0 = *(u16 *)skb[-2097140]
  exit
