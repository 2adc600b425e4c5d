# @type: xdp
# @desc: sign-extending move of a pointer
	r0 = (s32)r10
	r0 = 2
	exit
