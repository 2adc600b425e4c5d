# @type: xdp
# @desc: ALU on uninitialized R0
	r0 += 1
	exit
