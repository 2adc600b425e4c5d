# @type: kprobe
# @desc: BPF_PSEUDO_BTF_ID (src_reg 3) with a made-up BTF id
	ld_pseudo r1, 3, 1
	r0 = 0
	exit
