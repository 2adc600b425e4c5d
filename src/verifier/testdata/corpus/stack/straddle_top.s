# @type: xdp
# @desc: an 8-byte write at r10-4 crosses the top of the frame
	r1 = 0
	*(u64 *)(r10 - 4) = r1
	r0 = 2
	exit
