# @type: xdp
# @desc: caller 320 + callee 320 bytes of stack exceed 512
	r1 = 0
	*(u64 *)(r10 - 320) = r1
	call sub
	r0 = 2
	exit
sub:
	r1 = 7
	*(u64 *)(r10 - 320) = r1
	r0 = 0
	exit
