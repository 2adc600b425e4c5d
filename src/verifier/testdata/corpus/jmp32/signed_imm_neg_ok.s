# @type: socket_filter
# @desc: signed 32-bit compare against a negative immediate
	r2 = *(u32 *)(r1 + 0)
	r0 = 0
	if w2 s< -5 goto +1
	r0 = 1
	exit
