# An unverifiable program: reads 8 bytes far past the xdp_md context (the verifier would refuse it).
  r0 = *(u64 *)(r1 + 4096)
  exit
