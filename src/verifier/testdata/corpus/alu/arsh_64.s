# @type: xdp
# @desc: arithmetic shift by 64
	r0 = 1
	r0 s>>= 64
	exit
