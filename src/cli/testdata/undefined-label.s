	r0 = 7
	if r0 > 3 goto LBB0_9
	exit
