LBB0_1:
	r1 += 1
	goto LBB0_1
