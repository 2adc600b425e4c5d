# @type: xdp
# @desc: R1-R5 are not readable after a call returns
	r1 = 4
	call sub
	r0 = r1
	exit
sub:
	r0 = 0
	exit
