# @type: kprobe
# @desc: bpf_sk_lookup_tcp from a kprobe
	*(u64 *)(r10 - 16) = 0
	*(u32 *)(r10 - 8) = 0
	r2 = r10
	r2 += -16
	r3 = 12
	r4 = 0xffffffff ll
	r5 = 0
	call 84
	r0 = 0
	exit
