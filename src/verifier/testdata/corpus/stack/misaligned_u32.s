# @type: xdp
# @desc: an unaligned 4-byte write inside the frame (stack access is always aligned)
	r1 = 0
	*(u32 *)(r10 - 6) = r1
	r0 = 2
	exit
