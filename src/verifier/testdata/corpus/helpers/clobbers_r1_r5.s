# @type: xdp
# @desc: R1-R5 are unreadable after any helper call
	r6 = r1
	r2 = 4
	call 7
	r0 = r2
	exit
