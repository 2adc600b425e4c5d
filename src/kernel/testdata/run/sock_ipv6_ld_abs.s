# socket filter on IPv6: LD_ABS next-header byte (offset 6), keep 40 bytes when UDP
# @type socket_filter
# @packet hex 02000000000202000000000186dd600000000008114020010db800000000000000000000000120010db80000000000000000000000023039138900080000
# @packet udp dport=5001
  r6 = r1
  r0 = *(u8 *)skb[6]
  if r0 != 17 goto drop
  r0 = 40
  exit
drop:
  r0 = 0
  exit
