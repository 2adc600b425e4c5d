# cgroup_skb: 1 lets the packet through; skb->len counts from the network header
# @type cgroup_skb
# @map res:array:4:8:16
# @packet udp dport=5001
  r0 = *(u32 *)(r1 + 0)
  *(u64 *)(r10 - 16) = r0
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls234
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls234:
  r0 = 1
  exit
