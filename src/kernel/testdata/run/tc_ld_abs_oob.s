# LD_ABS past the end ends the program with 0
# @type sched_cls
# @packet udp dport=5001
  r6 = r1
  r0 = *(u8 *)skb[1000]
  r0 = 5
  exit
