# @type: kprobe
# @desc: the loop counter is reset in the body
	r1 = 0
loop:
	r1 += 1
	r2 = *(u64 *)(r10 - 8)
	r1 = 0
	if r1 < 10 goto loop
	r0 = 0
	exit
