# @type: xdp
# @map: counts:array:4:8:1
# @desc: fetch_add, fetch_or, fetch_and, fetch_xor, xchg on a map value (cpu v3+)
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = counts ll
	call 1
	if r0 == 0 goto out
	r1 = 1
	r1 = atomic_fetch_add((u64 *)(r0 + 0), r1)
	r1 = atomic_fetch_or((u64 *)(r0 + 0), r1)
	r1 = atomic_fetch_and((u64 *)(r0 + 0), r1)
	r1 = atomic_fetch_xor((u64 *)(r0 + 0), r1)
	r1 = xchg_64(r0 + 0, r1)
	lock *(u64 *)(r0 + 0) |= r1
	lock *(u64 *)(r0 + 0) &= r1
	lock *(u64 *)(r0 + 0) ^= r1
out:
	r0 = 2
	exit
