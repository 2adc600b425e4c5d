# @type: xdp
# @desc: find_good_pkt_pointers: the check on one pointer gives range to others with the same id
	r2 = *(u32 *)(r1 + 0)
	r3 = *(u32 *)(r1 + 4)
	r6 = r2
	r4 = r2
	r4 += 20
	if r4 > r3 goto out
	r0 = *(u32 *)(r6 + 16)
out:
	r0 = 2
	exit
