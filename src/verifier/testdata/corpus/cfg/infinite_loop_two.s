# @type: xdp
# @desc: two-insn loop with no progress
	r0 = 2
	if r1 == 0 goto l1
	exit
l1:
	r1 = 0
	goto l1
