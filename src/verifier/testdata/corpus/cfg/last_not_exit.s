# @type: xdp
# @desc: program whose last instruction is not exit or jmp
	r0 = 2
	r0 += 1
