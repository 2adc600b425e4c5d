# @type: socket_filter
# @desc: BPF_LD_ABS clobbers R1-R5 like a call
	r6 = r1
	r1 = 5
	r0 = *(u8 *)skb[12]
	r0 = r1
	exit
