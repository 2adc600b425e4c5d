	r0 = *(u32 *)(r1 + 4)
	w1 += w2
	if r2 > r3 goto +5
	*(u64 *)(r10 - 8) = r1
	r1 = 0x1234 ll
	r0 = cmpxchg_64(r1 + 0, r0, r2)
	r0 = atomic_fetch_add((u64 *)(r1 + 0), r0)
	w0 = -w0
	r1 = (s16)r2
	r0 = bswap32 r0
	r0 = be16 r0
	r5 s/= -3
	if w1 s< 5 goto -2
	r1 = -1 ll
	lock *(u32 *)(r10 - 4) += w3
	call 1
	exit
