# @type: kprobe
# @desc: a bounded loop of 300000 iterations exceeds the 1M processed-instruction limit
	r1 = 0
loop:
	r1 += 1
	r2 = r1
	r2 &= 3
	if r1 < 300000 goto loop
	r0 = 0
	exit
