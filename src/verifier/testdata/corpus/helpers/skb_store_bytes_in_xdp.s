# @type: xdp
# @desc: bpf_skb_store_bytes is not available to XDP
	r2 = 0
	r3 = r10
	r3 += -8
	r4 = 1
	r5 = 0
	*(u64 *)(r10 - 8) = r5
	call 9
	r0 = 2
	exit
