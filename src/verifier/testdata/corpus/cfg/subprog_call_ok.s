# @type: xdp
# @desc: bpf-to-bpf call: a static subprogram returns a value
	r1 = 5
	call add_one
	if r0 != 6 goto +1
	r0 = 2
	exit
add_one:
	r0 = r1
	r0 += 1
	exit
