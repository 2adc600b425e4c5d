# @title: Reading memory
# @description: r1 points at the input buffer and r2 holds its length. The program adds up
#   the bytes, one 8-bit load at a time.
# @mem: 01 02 03 04 ff
# @expect-r0: 265
# @topics: basics, memory, loops
	r0 = 0
	r3 = 0
LBB0_1:
	if r3 >= r2 goto LBB0_3
	r4 = r1
	r4 += r3
	r5 = *(u8 *)(r4 + 0)
	r0 += r5
	r3 += 1
	goto LBB0_1
LBB0_3:
	exit
