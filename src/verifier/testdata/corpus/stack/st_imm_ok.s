# @type: xdp
# @desc: store-immediate (BPF_ST) into the stack, then read it
	*(u32 *)(r10 - 4) = 5
	*(u16 *)(r10 - 6) = 1
	*(u8 *)(r10 - 7) = 0
	*(u64 *)(r10 - 16) = -1
	r0 = *(u32 *)(r10 - 4)
	exit
