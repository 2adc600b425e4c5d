# @type: kprobe
# @desc: bpf_snprintf needs the format in a read-only map value
	r1 = 0x7825
	*(u64 *)(r10 - 8) = r1
	r1 = r10
	r1 += -32
	r2 = 16
	r3 = r10
	r3 += -8
	r4 = 0
	r5 = 0
	call 165
	r0 = 0
	exit
