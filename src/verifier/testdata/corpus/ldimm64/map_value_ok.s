# @type: xdp
# @map: data:array:4:16:1
# @desc: BPF_PSEUDO_MAP_VALUE (src_reg 2): a direct pointer to element 0 of an array, as .data/.bss use
	ld_pseudo r1, 2, 0
	r0 = *(u64 *)(r1 + 8)
	r2 = 1
	*(u64 *)(r1 + 0) = r2
	r0 = 2
	exit
