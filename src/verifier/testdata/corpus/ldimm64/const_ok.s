# @type: xdp
# @desc: 64-bit constants with ld_imm64
	r1 = 0x123456789abcdef0 ll
	r2 = -1 ll
	r3 = 0 ll
	r1 >>= 60
	r0 = r1
	r0 += -1
	exit
