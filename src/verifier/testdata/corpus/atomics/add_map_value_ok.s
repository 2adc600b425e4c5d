# @type: xdp
# @map: counts:array:4:8:1
# @desc: lock add on a map value (clang __sync_fetch_and_add without using the result)
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = counts ll
	call 1
	if r0 == 0 goto out
	r1 = 1
	lock *(u64 *)(r0 + 0) += r1
out:
	r0 = 2
	exit
