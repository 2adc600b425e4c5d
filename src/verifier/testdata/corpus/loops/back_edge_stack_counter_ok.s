# @type: kprobe
# @desc: loop counter kept in a stack slot (spill/fill every iteration)
	r1 = 0
	*(u64 *)(r10 - 8) = r1
loop:
	r1 = *(u64 *)(r10 - 8)
	r1 += 1
	*(u64 *)(r10 - 8) = r1
	if r1 < 20 goto loop
	r0 = 0
	exit
