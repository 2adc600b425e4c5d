# @type: kprobe
# @map: comms:array:4:16:1
# @desc: bpf_get_current_comm writing 32 bytes into a 16-byte map value
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = comms ll
	call 1
	if r0 == 0 goto out
	r1 = r0
	r2 = 32
	call 16
out:
	r0 = 0
	exit
