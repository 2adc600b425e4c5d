# @type: xdp
# @desc: subprogram exits without setting R0
	call sub
	exit
sub:
	r1 = 1
	exit
