# @type: xdp
# @desc: bpf_trace_printk with a size larger than the stack buffer
	r1 = 0x0a6f6c6c6568
	*(u64 *)(r10 - 8) = r1
	r1 = r10
	r1 += -8
	r2 = 16
	call 6
	r0 = 2
	exit
