# @type: xdp
# @desc: ctx->data is a packet pointer; reading it without a data_end check
	r2 = *(u32 *)(r1 + 0)
	r0 = *(u8 *)(r2 + 0)
	exit
