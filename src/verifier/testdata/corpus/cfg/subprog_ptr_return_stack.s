# @type: xdp
# @desc: callee returns a pointer into its own (dead) stack frame, caller dereferences it
	call sub
	r0 = *(u64 *)(r0 + 0)
	r0 = 2
	exit
sub:
	r1 = 1
	*(u64 *)(r10 - 8) = r1
	r0 = r10
	r0 += -8
	exit
