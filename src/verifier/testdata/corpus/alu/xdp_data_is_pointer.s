# @type: xdp
# @desc: ctx->data is a packet pointer, so modulo with it is pointer arithmetic
	r0 = *(u32 *)(r1 + 0)
	r2 = *(u32 *)(r1 + 4)
	r0 %= r2
	r0 = 2
	exit
