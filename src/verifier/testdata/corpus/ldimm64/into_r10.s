# @type: xdp
# @desc: ld_imm64 into the frame pointer
	r10 = 0x1234 ll
	r0 = 2
	exit
