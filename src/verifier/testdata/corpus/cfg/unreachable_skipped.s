# @type: xdp
# @desc: code jumped over by an unconditional goto
	r0 = 2
	goto +1
	r0 = 1
	exit
