# @type: xdp
# @desc: bpf_xdp_adjust_tail to trim 4 bytes
	r2 = -4
	call 65
	r0 = 2
	exit
