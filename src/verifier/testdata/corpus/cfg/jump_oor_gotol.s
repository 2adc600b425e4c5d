# @type: xdp
# @desc: gotol (BPF_JMP32|BPF_JA, 32-bit offset) out of range
	r0 = 2
	gotol +1000
	exit
