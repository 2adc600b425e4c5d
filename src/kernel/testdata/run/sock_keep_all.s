# a socket filter returning skb->len keeps the whole packet (len is without the Ethernet header)
# @type socket_filter
# @packet udp dport=5001
# @packet tcp
  r0 = *(u32 *)(r1 + 0)
  exit
