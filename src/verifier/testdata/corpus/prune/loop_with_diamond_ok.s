# @type: xdp
# @desc: a diamond inside a 20-iteration loop
	r6 = r1
	r7 = *(u32 *)(r6 + 12)
	r1 = 0
loop:
	if r7 & 1 goto a
	r2 = 1
	goto j
a:
	r2 = 2
j:
	r1 += 1
	if r1 < 20 goto loop
	r0 = 2
	exit
