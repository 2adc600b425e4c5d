# an IPv4 frame shorter than 34 bytes fails the test run with EINVAL
# @type sched_cls
# @packet hex 020000000002020000000001080045000014
  r0 = 0
  exit
