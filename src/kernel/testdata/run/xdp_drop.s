# XDP_DROP
# @type xdp
# @packet udp dport=5001
  r0 = 1
  exit
