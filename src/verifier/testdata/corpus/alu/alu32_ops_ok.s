# @type: socket_filter
# @desc: a chain of 32-bit ALU ops typical of clang hash code
	w0 = *(u32 *)(r1 + 0)
	w2 = w0
	w2 <<= 5
	w2 += w0
	w2 ^= 0x5bd1e995
	w3 = w2
	w3 >>= 13
	w2 ^= w3
	w2 *= 0x5bd1e995
	w0 = w2
	w0 &= 1
	exit
