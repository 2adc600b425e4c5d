# count packets per IP protocol in a hash keyed by the protocol byte
# @type xdp
# @map byproto:hash:4:8:16
# @packet udp dport=5001
# @packet tcp
# @packet udp dport=5001
# @packet icmp
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 34
  if r4 > r3 goto out
  r6 = *(u8 *)(r2 + 23)
  *(u32 *)(r10 - 8) = r6
  r1 = byproto ll
  r2 = r10
  r2 += -8
  call 1
  if r0 == 0 goto insert
  r1 = 1
  lock *(u64 *)(r0 + 0) += r1
  goto out
insert:
  r1 = 1
  *(u64 *)(r10 - 16) = r1
  r1 = byproto ll
  r2 = r10
  r2 += -8
  r3 = r10
  r3 += -16
  r4 = 1
  call 2
out:
  r0 = 2
  exit
