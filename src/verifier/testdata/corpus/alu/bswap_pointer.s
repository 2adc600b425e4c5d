# @type: xdp
# @desc: byte swap of a pointer
	r2 = r10
	r2 = be64 r2
	r0 = 2
	exit
