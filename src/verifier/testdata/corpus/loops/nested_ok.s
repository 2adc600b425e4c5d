# @type: kprobe
# @desc: nested loops 8 x 8
	r0 = 0
	r1 = 0
outer:
	r2 = 0
inner:
	r0 += 1
	r2 += 1
	if r2 < 8 goto inner
	r1 += 1
	if r1 < 8 goto outer
	r0 = 0
	exit
