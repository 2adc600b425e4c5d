# @type: xdp
# @desc: bpf_override_return belongs to kprobes
	r2 = 0
	call 58
	r0 = 2
	exit
