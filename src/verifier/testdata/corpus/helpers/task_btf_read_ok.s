# @type: kprobe
# @desc: bpf_get_current_task_btf returns a trusted task_struct pointer; read its first field
	call 158
	r1 = *(u32 *)(r0 + 0)
	r0 = 0
	exit
