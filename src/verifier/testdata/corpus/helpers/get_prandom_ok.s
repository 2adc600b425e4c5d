# @type: socket_filter
# @desc: sample 1 of 4 packets with bpf_get_prandom_u32
	r6 = r1
	call 7
	r0 &= 3
	if r0 != 0 goto drop
	r0 = *(u32 *)(r6 + 0)
	exit
drop:
	r0 = 0
	exit
