# array map counter incremented with an atomic add, three runs
# @type xdp
# @map counts:array:4:8:4
# @packet udp dport=5001
# @packet udp dport=5001
# @packet udp dport=5001
  r1 = 2
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = counts ll
  call 1
  if r0 == 0 goto out
  r1 = 1
  lock *(u64 *)(r0 + 0) += r1
out:
  r0 = 2
  exit
