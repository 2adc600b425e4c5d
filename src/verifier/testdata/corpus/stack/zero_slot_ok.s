# @type: xdp
# @desc: storing 0 marks the slot as zero; reading it back gives 0
	r1 = 0
	*(u64 *)(r10 - 8) = r1
	r0 = *(u32 *)(r10 - 8)
	r0 += 2
	exit
