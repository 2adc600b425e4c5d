# @type: socket_filter
# @desc: BPF_LD_IND with a pointer as the index register (root: accepted)
	r6 = r1
	r7 = r10
	r0 = *(u8 *)skb[r7]
	exit
