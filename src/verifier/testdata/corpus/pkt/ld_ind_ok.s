# @type: socket_filter
# @desc: BPF_LD_IND with an index register
	r6 = r1
	r7 = 14
	r0 = *(u8 *)skb[r7]
	r0 &= 0xf
	exit
