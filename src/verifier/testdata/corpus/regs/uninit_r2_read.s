# @type: xdp
# @desc: reading a register that was never written (R2)
	r0 = r2
	exit
