# @type: xdp
# @map: jmp:prog_array:4:4:4
# @desc: bpf_tail_call through a prog array, fallthrough returns XDP_PASS
	r2 = jmp ll
	r3 = 1
	call 12
	r0 = 2
	exit
