# @type: kprobe
# @map: counts:array:4:8:1
# @desc: 32-bit fetch-add and cmpxchg on a map value
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = counts ll
	call 1
	if r0 == 0 goto out
	r6 = r0
	w1 = 1
	w1 = atomic_fetch_add((u32 *)(r6 + 0), w1)
	w0 = 0
	w0 = cmpxchg32_32(r6 + 4, w0, w1)
out:
	r0 = 0
	exit
