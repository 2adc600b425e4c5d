# @type: xdp
# @desc: INT64_MIN s/ -1 is defined (no trap in BPF)
	r0 = -9223372036854775808 ll
	r0 s/= -1
	r0 s%= -1
	r0 = 2
	exit
