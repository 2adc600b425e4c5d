# A socket filter with packet loads (ld_abs / ld_ind), acquire/release atomics and may_goto.
# llvm-mc-19 has no load_acquire / store_release syntax, so those two are raw `.quad` slots
# (RFC 9669 encoding: 0xdb = STX|ATOMIC|DW, imm 0x100 load-acquire, 0x110 store-release); the
# kernel's log prints them back. Recorded by scripts/record-asm-goldens.ts.
prog:
	r6 = r1
	r0 = *(u8 *)skb[12]
	r0 = *(u16 *)skb[12]
	r0 = *(u32 *)skb[0]
	r7 = 2
	r0 = *(u8 *)skb[r7]
	r0 = *(u16 *)skb[r7]
	r0 = *(u32 *)skb[r7]
	r1 = 7
	*(u64 *)(r10 - 8) = r1
	.quad 0x00000100fff8a0db
	.quad 0x00000110fff81adb
	r2 = 3
LBB0_1:
	may_goto LBB0_2
	r2 += -1
	if r2 s> 0 goto LBB0_1
LBB0_2:
	r0 = 0
	exit
