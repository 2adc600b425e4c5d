# XDP: reads a packet byte without checking data_end; the 6.18 verifier refuses it (unchecked-pkt.kernel.json).
r2 = *(u32 *)(r1 + 0)
r0 = *(u8 *)(r2 + 12)
r0 = 2
exit
