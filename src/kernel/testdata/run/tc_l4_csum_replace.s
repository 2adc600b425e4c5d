# bpf_l4_csum_replace on a UDP checksum of 0 with BPF_F_MARK_MANGLED_0 leaves it 0; on a TCP checksum it updates
# @type sched_cls
# @map res:array:4:8:16
# @packet tcp dport=80
  r6 = r1
  r1 = r6
  r2 = 50
  r3 = 0x1234
  r4 = 0x5678
  r5 = 0x22
  call 11
  *(u64 *)(r10 - 16) = r0
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls168
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls168:
  r1 = r6
  r2 = 50
  r3 = 0
  r4 = 0
  r5 = 0x100
  call 11
  *(u64 *)(r10 - 16) = r0
  r1 = 1
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls169
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls169:
  r0 = 0
  exit
