# @type: xdp
# @desc: BPF_PSEUDO_FUNC (src_reg 4) loading a subprogram address without BTF
	r1 = f ll
	r0 = 2
	exit
f:
	r0 = 0
	exit
