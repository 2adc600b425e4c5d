# @type: kprobe
# @desc: bpf_get_func_ip in a kprobe
	call 173
	r0 = 0
	exit
