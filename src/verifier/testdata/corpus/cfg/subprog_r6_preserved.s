# @type: xdp
# @desc: callee-saved R6-R9 survive a call
	r6 = 1
	r9 = 2
	call sub
	r0 = r6
	r0 += r9
	exit
sub:
	r6 = 100
	r0 = 0
	exit
