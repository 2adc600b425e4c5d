# @type: kprobe
# @desc: a bounded loop of 200000 iterations (800003 processed, just under the 1M limit)
	r1 = 0
loop:
	r1 += 1
	r2 = r1
	r2 &= 3
	if r1 < 200000 goto loop
	r0 = 0
	exit
