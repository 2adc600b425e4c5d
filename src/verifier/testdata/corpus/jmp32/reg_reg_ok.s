# @type: xdp
# @desc: 32-bit register-register compares of all kinds
	r2 = *(u32 *)(r1 + 12)
	r3 = *(u32 *)(r1 + 16)
	r0 = 1
	if w2 == w3 goto +5
	if w2 != w3 goto +4
	if w2 < w3 goto +3
	if w2 s>= w3 goto +2
	if w2 <= w3 goto +1
	r0 = 2
	exit
