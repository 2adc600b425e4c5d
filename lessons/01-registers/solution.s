# Lesson 1: registers. Make the program return 42 in r0.
	r1 = 6
	r2 = 7
	r0 = r1
	r0 *= r2
	r3 = -1           # all 64 bits set
	w3 = w3           # a 32-bit move: the upper half is cleared, r3 = 0xffffffff
	r3 >>= 32         # r3 = 0
	r0 += r3
	exit
