# @type: xdp
# @map: pc:percpu_array:4:8:1
# @desc: BPF_PSEUDO_MAP_VALUE on a per-CPU array
	ld_pseudo r1, 2, 0
	r0 = 2
	exit
