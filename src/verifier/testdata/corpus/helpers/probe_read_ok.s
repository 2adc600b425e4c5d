# @type: kprobe
# @desc: bpf_probe_read_kernel into a stack buffer from a pt_regs argument
	r3 = *(u64 *)(r1 + 112)
	r1 = r10
	r1 += -16
	r2 = 16
	call 113
	r0 = 0
	exit
