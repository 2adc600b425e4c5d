# change the TTL and fix the IPv4 checksum with bpf_l3_csum_replace (2-byte field)
# @type sched_cls
# @map res:array:4:8:16
# @packet udp dport=5001
  r6 = r1
  r1 = r6
  r2 = 22
  r3 = r10
  r3 += -8
  r4 = 2
  call 26
  r7 = *(u16 *)(r10 - 8)
  r8 = r7
  r8 += -1
  *(u16 *)(r10 - 8) = r8
  r1 = r6
  r2 = 22
  r3 = r10
  r3 += -8
  r4 = 2
  r5 = 0
  call 9
  r1 = r6
  r2 = 24
  r3 = r7
  r4 = r8
  r5 = 2
  call 10
  *(u64 *)(r10 - 16) = r0
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls164
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls164:
  r1 = r6
  r2 = 24
  r3 = 0
  r4 = 0
  r5 = 3
  call 10
  *(u64 *)(r10 - 16) = r0
  r1 = 1
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls165
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls165:
  r1 = r6
  r2 = 24
  r3 = 0
  r4 = 0
  r5 = 0x10
  call 10
  *(u64 *)(r10 - 16) = r0
  r1 = 2
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls166
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls166:
  r0 = 0
  exit
