# @type: socket_filter
# @map: stacks:stack_trace:4:800:64
# @desc: bpf_get_stackid is for tracing programs
	r2 = stacks ll
	r3 = 0
	call 27
	r0 = 0
	exit
