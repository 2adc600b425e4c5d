# @type: xdp
# @desc: unreachable instruction inside a subprogram
	call sub
	exit
sub:
	r0 = 1
	exit
	r0 = 3
	exit
