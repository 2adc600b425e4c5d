# tc writes skb->mark and priority and reads them back
# @type sched_cls
# @packet udp dport=5001
  r2 = 0x1234
  *(u32 *)(r1 + 8) = r2
  r2 = 7
  *(u32 *)(r1 + 32) = r2
  r0 = *(u32 *)(r1 + 8)
  r2 = *(u32 *)(r1 + 32)
  r0 += r2
  exit
