# @type: xdp
# @map: jmp:prog_array:4:4:4
# @desc: bpf_tail_call with a stack pointer instead of ctx
	r1 = r10
	r2 = jmp ll
	r3 = 1
	call 12
	r0 = 2
	exit
