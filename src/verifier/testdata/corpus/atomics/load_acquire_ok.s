# @type: xdp
# @desc: load-acquire (BPF_LOAD_ACQ, imm 0x100) of a 64-bit stack slot (raw encoding)
	r1 = 0
	*(u64 *)(r10 - 8) = r1
	.byte 0xdb, 0xa0, 0xf8, 0xff, 0x00, 0x01, 0x00, 0x00
	r0 = 2
	exit
