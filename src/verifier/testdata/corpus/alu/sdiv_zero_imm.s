# @type: xdp
# @desc: signed division (cpu v4) by the constant 0
	r0 = 10
	r0 s/= 0
	exit
