# @type: kprobe
# @desc: 8-byte read at offset 4 of task_struct
	call 158
	r1 = *(u64 *)(r0 + 4)
	r0 = 0
	exit
