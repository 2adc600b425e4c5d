# bpf_redirect in tc: TC_ACT_REDIRECT; unknown flags TC_ACT_SHOT
# @type sched_cls
# @map res:array:4:8:16
# @packet udp dport=5001
  r1 = 1
  r2 = 2
  call 23
  *(u64 *)(r10 - 16) = r0
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r2 = r10
  r2 += -4
  r1 = res ll
  call 1
  if r0 == 0 goto Ls170
  r1 = *(u64 *)(r10 - 16)
  *(u64 *)(r0 + 0) = r1
Ls170:
  r1 = 1
  r2 = 1
  call 23
  exit
