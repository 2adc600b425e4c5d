# @type: xdp
# @desc: jump into the second slot of an ld_imm64
	r0 = 2
	if r1 == 0 goto +1
	r2 = 0x1122334455667788 ll
	exit
