# @type: socket_filter
# @desc: ld_imm64 constant as the return value
	r0 = 0x100000000 ll
	r0 >>= 32
	exit
