# @type: socket_filter
# @desc: legacy BPF_LD_ABS packet loads (R6 = ctx, result in R0), as classic BPF filters do
	r6 = r1
	r0 = *(u16 *)skb[12]
	if r0 != 0x800 goto drop
	r0 = *(u8 *)skb[23]
	if r0 != 6 goto drop
	r0 = -1
	exit
drop:
	r0 = 0
	exit
