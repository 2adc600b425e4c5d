# @type: xdp
# @desc: calling bpf_map_lookup_elem with R1 unset after a previous call clobbered it
	call 7
	r2 = r10
	r2 += -4
	call 1
	r0 = 2
	exit
