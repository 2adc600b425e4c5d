# @type: kprobe
# @desc: bpf_strncmp needs a read-only constant string (not the stack) as s2
	r1 = 0x6873
	*(u64 *)(r10 - 8) = r1
	*(u64 *)(r10 - 16) = r1
	r1 = r10
	r1 += -8
	r2 = 8
	r3 = r10
	r3 += -16
	call 182
	r0 = 0
	exit
