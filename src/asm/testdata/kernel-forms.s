# A verifier-safe XDP program exercising many instruction forms. scripts/record-asm-goldens.ts
# assembles it with llvm-mc-19, loads it into the running kernel and records the level-2
# verifier log (kernel-forms.log) and the loaded bytes (kernel-forms.hex).
prog:
	r6 = r1
	r1 = 0
	*(u64 *)(r10 - 8) = r1
	*(u32 *)(r10 - 16) = 7
	*(u16 *)(r10 - 18) = -3
	*(u8 *)(r10 - 19) = 1
	*(u64 *)(r10 - 32) = 0x7fffffff
	w2 = 5
	*(u32 *)(r10 - 24) = w2
	*(u16 *)(r10 - 26) = w2
	*(u8 *)(r10 - 27) = w2
	*(u32 *)(r10 - 4) = 0
	r2 = r10
	r2 += -4
	r1 = counts ll
	call 1
	if r0 == 0 goto LBB0_2
	r7 = r0
	r1 = 1
	lock *(u64 *)(r7 + 0) += r1
	lock *(u64 *)(r7 + 0) |= r1
	lock *(u64 *)(r7 + 0) &= r1
	lock *(u64 *)(r7 + 0) ^= r1
	r1 = atomic_fetch_add((u64 *)(r7 + 0), r1)
	r1 = atomic_fetch_or((u64 *)(r7 + 0), r1)
	r1 = atomic_fetch_and((u64 *)(r7 + 0), r1)
	r1 = atomic_fetch_xor((u64 *)(r7 + 0), r1)
	r1 = xchg_64(r7 + 0, r1)
	r0 = 0
	r2 = 9
	r0 = cmpxchg_64(r7 + 0, r0, r2)
	w1 = 2
	lock *(u32 *)(r7 + 4) += w1
	lock *(u32 *)(r7 + 4) |= w1
	w1 = atomic_fetch_and((u32 *)(r7 + 4), w1)
	w1 = atomic_fetch_xor((u32 *)(r7 + 4), w1)
	w1 = xchg32_32(r7 + 4, w1)
	w0 = 0
	w0 = cmpxchg32_32(r7 + 4, w0, w1)
LBB0_2:
	r3 = 10
	r4 = 3
	w5 = 7
	r3 += 1
	r3 -= r4
	w3 *= 3
	w5 *= w4
	r3 /= 2
	r3 %= 7
	r3 s/= 3
	r3 s%= -5
	w5 s/= w4
	w5 s%= w4
	r3 <<= 2
	r3 >>= 1
	r3 s>>= 1
	w3 s>>= w4
	w3 &= 255
	r3 |= r4
	r3 ^= -1
	r3 = -r3
	w3 = -w3
	r4 = (s8)r3
	w4 = (s16)w3
	r4 = (s32)r3
	r3 = be16 r3
	r3 = be64 r3
	r3 = le32 r3
	r3 = bswap16 r3
	r3 = bswap64 r3
	r8 = 0x123456789abcdef ll
	r8 = -1 ll
	r5 = *(u64 *)(r10 - 8)
	w5 = *(u32 *)(r10 - 16)
	r5 = *(u16 *)(r10 - 18)
	r5 = *(u8 *)(r10 - 19)
	r5 = *(s16 *)(r10 - 18)
	r5 = *(s8 *)(r10 - 19)
	r5 = *(s32 *)(r10 - 16)
	r9 = *(u32 *)(r6 + 0)
	if r3 > r4 goto +1
	r3 = 0
	if w3 s< 5 goto +1
	w3 = 1
	if r3 & 4 goto +0
	if w4 != w3 goto +0
	if r4 s>= -1 goto +0
	if r4 <= 0xffffffff goto +0
	goto +0
	gotol +0
	r1 = r3
	call sub
	r0 = 2
	exit
sub:
	r0 = r1
	r0 &= 1
	exit
