# @type: xdp
# @map: counts:hash:4:8:16
# @desc: arithmetic on a map pointer
	r1 = counts ll
	r1 += 8
	r0 = 2
	exit
