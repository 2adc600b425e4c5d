# @type: xdp
# @map: counts:hash:4:8:8
# @desc: bpf_tail_call with a hash map
	r2 = counts ll
	r3 = 1
	call 12
	r0 = 2
	exit
