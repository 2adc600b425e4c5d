# @type: xdp
# @desc: BPF_ST store-immediate into the XDP context
	*(u32 *)(r1 + 16) = 1
	r0 = 2
	exit
