# @type: kprobe
# @desc: bpf_probe_write_user (allowed for root, with a warning)
	r1 = *(u64 *)(r1 + 112)
	*(u64 *)(r10 - 8) = 0
	r2 = r10
	r2 += -8
	r3 = 8
	call 36
	r0 = 0
	exit
