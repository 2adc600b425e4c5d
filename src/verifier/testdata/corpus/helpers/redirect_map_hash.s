# @type: xdp
# @map: counts:hash:4:8:8
# @desc: bpf_redirect_map with a hash map
	r1 = counts ll
	r2 = 0
	r3 = 2
	call 51
	exit
