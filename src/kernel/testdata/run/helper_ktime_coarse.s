# ktime_get_coarse_ns is not ahead of ktime_get_ns; jiffies64 is non-zero
# @type xdp
# @packet udp dport=5001
  call 160
  r6 = r0
  call 5
  r7 = r0
  call 118
  r8 = r0
  r0 = 0
  if r6 > r7 goto out
  if r6 == 0 goto out
  if r8 == 0 goto out
  r0 = 2
out:
  exit
