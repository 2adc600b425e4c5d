# @type: socket_filter
# @desc: BPF_LD_ABS inside a bpf-to-bpf subprogram
	r6 = r1
	call sub
	exit
sub:
	r0 = *(u8 *)skb[12]
	exit
