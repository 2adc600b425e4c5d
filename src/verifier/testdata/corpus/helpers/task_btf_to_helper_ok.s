# @type: kprobe
# @desc: bpf_task_pt_regs takes the BTF task pointer and returns a pt_regs BTF pointer
	call 158
	r1 = r0
	call 175
	r1 = *(u64 *)(r0 + 0)
	r0 = 0
	exit
