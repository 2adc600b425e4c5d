# Lesson 3: the stack. Keep 1234 in the stack slot at r10 - 8, then load it back into r0.
	r1 = 1234
	r0 = *(u64 *)(r10 - 8)
	exit
