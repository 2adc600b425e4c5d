# @type: xdp
# @map: data:array:4:8:1
# @desc: BPF_PSEUDO_MAP_IDX_VALUE (src_reg 6) without an fd_array
	ld_pseudo r1, 6, 0
	r0 = 2
	exit
