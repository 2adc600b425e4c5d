# @title: A bounded loop on the stack
# @description: Adds 1..10 with the running total kept in a stack slot (r10 - 8), the way
#   clang spills a variable. The loop ends because r1 counts down to 0.
# @expect-r0: 55
# @topics: basics, stack, loops
	r1 = 10
	r0 = 0
	*(u64 *)(r10 - 8) = r0
LBB0_1:
	r0 = *(u64 *)(r10 - 8)
	r0 += r1
	*(u64 *)(r10 - 8) = r0
	r1 += -1
	if r1 != 0 goto LBB0_1
	r0 = *(u64 *)(r10 - 8)
	exit
