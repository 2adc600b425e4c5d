# Sum the bytes of the input buffer: r1 = buffer, r2 = length.
# r0 = sum of mem[0..len), computed in a bounded loop; the running sum is kept on the stack.
	r0 = 0
	*(u64 *)(r10 - 8) = r0
	r3 = 0
LBB0_1:
	if r3 >= r2 goto LBB0_3
	r4 = r1
	r4 += r3
	r5 = *(u8 *)(r4 + 0)
	r0 = *(u64 *)(r10 - 8)
	r0 += r5
	*(u64 *)(r10 - 8) = r0
	r3 += 1
	goto LBB0_1
LBB0_3:
	r0 = *(u64 *)(r10 - 8)
	exit
