# @type: xdp
# @desc: helper number 300 does not exist
	call 300
	r0 = 2
	exit
