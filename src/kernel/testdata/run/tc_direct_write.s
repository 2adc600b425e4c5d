# tc may write the packet directly: set the IP TOS byte; TC_ACT_OK
# @type sched_cls
# @packet udp dport=5001
  r2 = *(u32 *)(r1 + 76)
  r3 = *(u32 *)(r1 + 80)
  r4 = r2
  r4 += 34
  r0 = 2
  if r4 > r3 goto out
  r4 = 0x2e
  *(u8 *)(r2 + 15) = r4
  r0 = 0
out:
  exit
