# @type: xdp
# @map: counts:hash:4:8:16
# @desc: BPF_PSEUDO_MAP_VALUE on a hash map
	ld_pseudo r1, 2, 0
	r0 = 2
	exit
