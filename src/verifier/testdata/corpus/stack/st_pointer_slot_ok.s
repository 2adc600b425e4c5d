# @type: xdp
# @desc: BPF_ST of an immediate over a spilled pointer slot
	*(u64 *)(r10 - 8) = r1
	*(u64 *)(r10 - 8) = 0
	r0 = *(u64 *)(r10 - 8)
	r0 += 2
	exit
