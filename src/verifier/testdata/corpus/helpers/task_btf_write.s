# @type: kprobe
# @desc: writing through a BTF task_struct pointer
	call 158
	r1 = 0
	*(u32 *)(r0 + 0) = r1
	r0 = 0
	exit
