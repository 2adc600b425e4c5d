# @type: xdp
# @desc: bpf_sk_lookup_udp from XDP, released
	*(u64 *)(r10 - 16) = 0
	*(u32 *)(r10 - 8) = 0
	r2 = r10
	r2 += -16
	r3 = 12
	r4 = 0xffffffff ll
	r5 = 0
	call 85
	if r0 == 0 goto out
	r1 = r0
	call 86
out:
	r0 = 2
	exit
