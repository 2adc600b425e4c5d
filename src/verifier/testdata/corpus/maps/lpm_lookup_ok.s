# @type: xdp
# @map: routes:lpm_trie:8:4:64:1
# @desc: longest-prefix-match lookup with a {prefixlen, addr} key on the stack
	r2 = *(u32 *)(r1 + 0)
	r3 = *(u32 *)(r1 + 4)
	r4 = r2
	r4 += 34
	if r4 > r3 goto out
	r5 = *(u32 *)(r2 + 30)
	*(u32 *)(r10 - 4) = r5
	*(u32 *)(r10 - 8) = 32
	r2 = r10
	r2 += -8
	r1 = routes ll
	call 1
	if r0 == 0 goto out
	r0 = *(u32 *)(r0 + 0)
	exit
out:
	r0 = 2
	exit
