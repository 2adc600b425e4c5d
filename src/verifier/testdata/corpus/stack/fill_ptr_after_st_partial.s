# @type: xdp
# @desc: a 4-byte BPF_ST into the upper half of a spilled pointer, then an 8-byte fill and deref
	*(u64 *)(r10 - 8) = r1
	*(u32 *)(r10 - 4) = 0
	r1 = *(u64 *)(r10 - 8)
	r0 = *(u32 *)(r1 + 12)
	r0 = 2
	exit
