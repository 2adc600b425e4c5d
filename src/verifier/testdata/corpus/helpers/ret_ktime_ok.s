# @type: xdp
# @desc: bpf_ktime_get_ns returns a scalar usable in arithmetic
	call 5
	r0 >>= 20
	r0 &= 1
	r0 += 1
	exit
