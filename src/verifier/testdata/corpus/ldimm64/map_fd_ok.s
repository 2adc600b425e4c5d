# @type: xdp
# @map: counts:hash:4:8:16
# @desc: ld_imm64 with BPF_PSEUDO_MAP_FD (src_reg 1) gives a map_ptr
	r1 = counts ll
	r2 = r10
	r2 += -4
	*(u32 *)(r10 - 4) = 0
	call 1
	r0 = 2
	exit
