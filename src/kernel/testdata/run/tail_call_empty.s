# bpf_tail_call into an empty prog_array slot falls through
# @type xdp
# @map jt:prog_array:4:4:4
# @packet udp dport=5001
  r6 = 9
  r7 = r1
  r2 = jt ll
  r3 = 1
  call 12
  r1 = r7
  r2 = jt ll
  r3 = 100
  call 12
  r0 = r6
  exit
