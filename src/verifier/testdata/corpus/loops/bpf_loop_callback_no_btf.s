# @type: xdp
# @desc: bpf_loop with a callback: raw bytecode without BTF func_info is rejected
	r1 = 10
	r2 = cb ll
	r3 = 0
	r4 = 0
	call 181
	r0 = 2
	exit
cb:
	r0 = 0
	exit
