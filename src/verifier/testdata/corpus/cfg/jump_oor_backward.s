# @type: xdp
# @desc: unconditional jump before insn 0
	r0 = 2
	goto -3
	exit
