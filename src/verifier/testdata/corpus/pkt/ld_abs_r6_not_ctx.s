# @type: socket_filter
# @desc: BPF_LD_ABS while R6 is not the skb
	r6 = 0
	r0 = *(u8 *)skb[12]
	exit
