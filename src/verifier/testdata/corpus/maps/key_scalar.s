# @type: xdp
# @map: counts:hash:4:8:1024
# @desc: passing a scalar as the key pointer
	r2 = 0
	r1 = counts ll
	call 1
	r0 = 2
	exit
