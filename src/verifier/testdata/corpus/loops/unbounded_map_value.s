# @type: kprobe
# @map: cfg:array:4:8:1
# @desc: loop bound from a map value (64-bit unknown) hits the 1M instruction limit
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = cfg ll
	call 1
	if r0 == 0 goto out
	r2 = *(u64 *)(r0 + 0)
	r1 = 0
loop:
	r1 += 1
	if r1 < r2 goto loop
out:
	r0 = 0
	exit
