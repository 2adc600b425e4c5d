# @type: xdp
# @desc: instruction after the final exit that nothing jumps to
	r0 = 2
	exit
	r0 = 1
	exit
