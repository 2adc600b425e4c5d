# XDP_PASS, packet unchanged
# @type xdp
# @packet udp dport=5001
  r0 = 2
  exit
