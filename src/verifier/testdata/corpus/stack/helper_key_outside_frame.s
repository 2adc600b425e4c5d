# @type: xdp
# @map: counts:hash:8:8:16
# @desc: an 8-byte key pointer at r10-4 runs past the top of the frame
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = counts ll
	call 1
	r0 = 2
	exit
