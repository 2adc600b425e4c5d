# @type: kprobe
# @desc: reading far past the end of struct task_struct through a BTF pointer
	call 158
	r1 = *(u32 *)(r0 + 30000)
	r0 = 0
	exit
