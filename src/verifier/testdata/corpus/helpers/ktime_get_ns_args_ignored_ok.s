# @type: xdp
# @desc: a helper without arguments ignores R1-R5 (uninitialized R2 is fine)
	call 5
	r0 = 2
	exit
