# @type: xdp
# @desc: r ^= r of an unknown gives 0 only at run time; verifier keeps it unknown but allowed
	r0 = *(u32 *)(r1 + 12)
	r0 ^= r0
	r0 = 2
	exit
