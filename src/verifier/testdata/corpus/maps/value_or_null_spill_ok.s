# @type: xdp
# @map: counts:hash:4:8:1024
# @desc: map_value_or_null spilled, null-checked after the fill
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = counts ll
	call 1
	*(u64 *)(r10 - 16) = r0
	r6 = *(u64 *)(r10 - 16)
	if r6 == 0 goto out
	r0 = *(u64 *)(r6 + 0)
out:
	r0 = 2
	exit
