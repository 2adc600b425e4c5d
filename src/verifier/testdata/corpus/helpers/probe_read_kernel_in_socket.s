# @type: socket_filter
# @desc: bpf_probe_read_kernel from a socket filter (root)
	r1 = r10
	r1 += -8
	r2 = 8
	r3 = 0
	call 113
	r0 = 0
	exit
