# @type: xdp
# @desc: callee has its own 256-byte stack frame, caller 256: combined 512 is allowed
	r1 = 0
	*(u64 *)(r10 - 256) = r1
	call sub
	r0 = 2
	exit
sub:
	r1 = 7
	*(u64 *)(r10 - 256) = r1
	r0 = *(u64 *)(r10 - 256)
	exit
