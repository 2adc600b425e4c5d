# @type: kprobe
# @desc: clang-style: zero a 64-byte struct on the stack and fill fields
	r1 = 0
	*(u64 *)(r10 - 8) = r1
	*(u64 *)(r10 - 16) = r1
	*(u64 *)(r10 - 24) = r1
	*(u64 *)(r10 - 32) = r1
	*(u64 *)(r10 - 40) = r1
	*(u64 *)(r10 - 48) = r1
	*(u64 *)(r10 - 56) = r1
	*(u64 *)(r10 - 64) = r1
	call 14
	*(u64 *)(r10 - 64) = r0
	call 5
	*(u64 *)(r10 - 56) = r0
	r0 = 0
	exit
