# an IPv6 frame shorter than 54 bytes fails the tc test run with EINVAL
# @type sched_cls
# @packet hex 02000000000202000000000186dd6000000000081140
  r0 = 0
  exit
