# a socket filter returning 0 drops
# @type socket_filter
# @packet udp dport=5001
  r0 = 0
  exit
