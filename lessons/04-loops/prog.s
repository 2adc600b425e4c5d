# Lesson 4: loops. Add 1 + 2 + ... + 10, keeping the running total in the stack slot at r10 - 8.
	r1 = 10
	r0 = 0
	*(u64 *)(r10 - 8) = r0
loop:
	r0 = *(u64 *)(r10 - 8)
	r0 += r1
	if r1 != 0 goto loop
	r0 = *(u64 *)(r10 - 8)
	exit
