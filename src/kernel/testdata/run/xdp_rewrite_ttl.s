# decrement the IPv4 TTL and patch the header checksum by hand
# @type xdp
# @packet udp dport=5001
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 34
  r0 = 0
  if r4 > r3 goto out
  r4 = *(u8 *)(r2 + 22)
  r4 += -1
  *(u8 *)(r2 + 22) = r4
  r5 = *(u16 *)(r2 + 24)
  r5 += 1
  *(u16 *)(r2 + 24) = r5
  r0 = 2
out:
  exit
