# an out-of-range return value reads back as unsigned 32 bits
# @type xdp
# @packet udp dport=5001
  r0 = -1
  exit
