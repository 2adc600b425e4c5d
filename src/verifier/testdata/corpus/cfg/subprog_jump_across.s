# @type: xdp
# @desc: jump from the main program into a subprogram's body
	if r1 == 0 goto inside
	call sub
	exit
sub:
	r0 = 1
inside:
	r0 += 1
	exit
