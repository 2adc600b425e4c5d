# @type: kprobe
# @desc: helper number just past the last one in 6.18
	call 212
	r0 = 0
	exit
