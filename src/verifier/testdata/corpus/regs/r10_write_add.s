# @type: xdp
# @desc: arithmetic directly on the frame pointer
	r10 += -8
	r0 = 2
	exit
