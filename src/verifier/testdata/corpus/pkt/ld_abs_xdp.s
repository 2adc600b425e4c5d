# @type: xdp
# @desc: BPF_LD_ABS in an XDP program
	r6 = r1
	r0 = *(u8 *)skb[12]
	r0 = 2
	exit
