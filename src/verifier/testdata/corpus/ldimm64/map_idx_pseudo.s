# @type: xdp
# @map: counts:hash:4:8:16
# @desc: BPF_PSEUDO_MAP_IDX (src_reg 5) without an fd_array
	ld_pseudo r1, 5, 0
	r0 = 2
	exit
