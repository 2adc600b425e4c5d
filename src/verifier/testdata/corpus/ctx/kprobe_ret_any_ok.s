# @type: kprobe
# @desc: kprobe may return any value
	r0 = -1
	exit
