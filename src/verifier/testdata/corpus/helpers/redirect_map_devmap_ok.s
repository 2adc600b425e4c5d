# @type: xdp
# @map: tx:14:4:4:8
# @desc: bpf_redirect_map into a devmap
	r1 = tx ll
	r2 = 0
	r3 = 2
	call 51
	exit
