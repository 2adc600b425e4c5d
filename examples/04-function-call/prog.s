# @title: bpf-to-bpf calls
# @description: `call square` jumps to a local function with a fresh 512-byte stack. Arguments
#   go in r1-r5, the result comes back in r0, and r6-r9 keep their values across the call.
# @expect-r0: 25
# @topics: basics, functions, stack
main:
	r6 = 5
	r1 = r6
	call square
	exit
square:
	r0 = r1
	r0 *= r1
	exit
