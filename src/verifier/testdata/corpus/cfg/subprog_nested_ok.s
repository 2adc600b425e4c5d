# @type: xdp
# @desc: three levels of subprogram calls
	r1 = 1
	call f1
	r0 = 2
	exit
f1:
	r1 += 1
	call f2
	exit
f2:
	r1 += 1
	call f3
	exit
f3:
	r0 = r1
	exit
