# @type: kprobe
# @desc: a loop of 100 with an accumulator the verifier need not be precise about
	r1 = 0
	r0 = 0
loop:
	r0 += 7
	r1 += 1
	if r1 < 100 goto loop
	r0 = 0
	exit
