# @type: xdp
# @desc: main program exits without writing R0
	r1 = 0
	exit
