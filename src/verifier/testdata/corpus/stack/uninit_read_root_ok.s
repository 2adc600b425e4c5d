# @type: xdp
# @desc: reading never-written stack: allowed for a privileged (root) loader
	r0 = *(u64 *)(r10 - 8)
	r0 = 2
	exit
