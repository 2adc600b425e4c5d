# @type: socket_filter
# @desc: read past the end of __sk_buff
	r2 = *(u32 *)(r1 + 192)
	r0 = 0
	exit
