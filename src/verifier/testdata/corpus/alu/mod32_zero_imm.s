# @type: xdp
# @desc: 32-bit modulo by the constant 0
	w0 = 10
	w0 %= 0
	exit
