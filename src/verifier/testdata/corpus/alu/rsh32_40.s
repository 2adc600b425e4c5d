# @type: xdp
# @desc: 32-bit right shift by 40
	w0 = 1
	w0 >>= 40
	exit
