# @type: xdp
# @desc: 32-bit signed modulo by the constant 0
	w0 = 10
	w0 s%= 0
	exit
