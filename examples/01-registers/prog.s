# @title: Registers and arithmetic
# @description: eBPF has eleven 64-bit registers. r0 holds the return value, r1-r5 carry
#   arguments, r6-r9 survive calls, r10 is the read-only frame pointer. The w-names are the
#   low 32 bits: a 32-bit write clears the upper half.
# @expect-r0: 42
# @topics: basics, registers, alu
	r0 = 6            # r0 = 6
	r1 = 7
	r0 *= r1          # r0 = 42
	r2 = -1           # all 64 bits set
	w2 = w2           # a 32-bit move zero-extends: r2 = 0xffffffff
	r2 >>= 32         # r2 = 0
	r0 += r2
	exit
