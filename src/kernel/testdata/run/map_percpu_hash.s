# per-CPU hash: a program insert sets this CPU's value and zeroes the others
# @type xdp
# @map ph:percpu_hash:4:8:4
# @packet udp dport=5001
# @packet udp dport=5001
  r1 = 3
  *(u32 *)(r10 - 8) = r1
  r1 = ph ll
  r2 = r10
  r2 += -8
  call 1
  if r0 == 0 goto ins
  r1 = 10
  lock *(u64 *)(r0 + 0) += r1
  goto out
ins:
  r1 = 7 ll
  *(u64 *)(r10 - 16) = r1
  r1 = ph ll
  r2 = r10
  r2 += -8
  r3 = r10
  r3 += -16
  r4 = 0
  call 2
out:
  r0 = 2
  exit
