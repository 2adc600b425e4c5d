# @type: xdp
# @desc: writing the frame pointer
	r10 = 0
	r0 = 2
	exit
