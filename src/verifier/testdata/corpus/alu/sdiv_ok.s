# @type: xdp
# @desc: signed division and modulo by constants
	r0 = -100
	r0 s/= 7
	r1 = -100
	r1 s%= 7
	w2 = -9
	w2 s/= -3
	r0 = 2
	exit
