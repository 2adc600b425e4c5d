# @type: xdp
# @desc: store-release (BPF_STORE_REL, imm 0x110) into a 32-bit stack slot (raw encoding)
	r1 = 0
	*(u64 *)(r10 - 8) = r1
	r2 = 7
	.byte 0xc3, 0x2a, 0xf8, 0xff, 0x10, 0x01, 0x00, 0x00
	r0 = 2
	exit
