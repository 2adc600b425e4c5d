# @type: xdp
# @desc: callee reads R6, which it did not receive
	r6 = 1
	call sub
	exit
sub:
	r0 = r6
	exit
