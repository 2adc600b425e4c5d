# parse Ethernet/IPv4/UDP with bounds checks; drop dport 5001
# @type xdp
# @packet udp dport=5001
# @packet udp dport=53
# @packet tcp dport=5001
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 42
  if r4 > r3 goto pass
  r5 = *(u16 *)(r2 + 12)
  if r5 != 8 goto pass
  r5 = *(u8 *)(r2 + 23)
  if r5 != 17 goto pass
  r5 = *(u16 *)(r2 + 36)
  r5 = be16 r5
  if r5 != 5001 goto pass
  r0 = 1
  exit
pass:
  r0 = 2
  exit
