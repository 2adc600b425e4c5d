	r0 = *(u64 *)(r1 + 0)
	exit
