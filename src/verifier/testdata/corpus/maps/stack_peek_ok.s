# @type: kprobe
# @map: st:stack:0:8:16
# @desc: peek on a stack map
	r2 = r10
	r2 += -8
	r1 = st ll
	call 89
	r0 = 0
	exit
