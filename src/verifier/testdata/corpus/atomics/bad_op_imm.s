# @type: xdp
# @desc: BPF_ATOMIC with an undefined operation (imm 0x22)
	r1 = 0
	*(u64 *)(r10 - 8) = r1
	r2 = 1
	.byte 0xdb, 0x2a, 0xf8, 0xff, 0x22, 0x00, 0x00, 0x00
	r0 = 2
	exit
