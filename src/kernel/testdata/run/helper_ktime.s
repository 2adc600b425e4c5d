# ktime_get_ns and ktime_get_boot_ns are non-zero and monotonic
# @type xdp
# @packet udp dport=5001
  call 5
  r6 = r0
  call 5
  r7 = r0
  call 125
  r8 = r0
  r0 = 0
  if r6 == 0 goto out
  if r7 < r6 goto out
  if r8 == 0 goto out
  r0 = 2
out:
  exit
