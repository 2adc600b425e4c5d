# a bpf-to-bpf call receives the ctx and reads the packet length through it
# @type xdp
# @packet udp dport=5001
  call len
  r0 += 100
  exit
len:
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r0 = r3
  r0 -= r2
  exit
