# @type: xdp
# @map: counts:hash:4:8:16
# @desc: the same map load written with ld_pseudo (src_reg 1, imm 0)
	ld_pseudo r1, 1, 0
	r2 = r10
	r2 += -4
	*(u32 *)(r10 - 4) = 0
	call 1
	r0 = 2
	exit
