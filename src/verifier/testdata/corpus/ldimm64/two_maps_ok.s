# @type: kprobe
# @map: a:hash:4:8:16
# @map: b:array:4:8:4
# @desc: two maps: lookup in b, then update a with the value
	*(u32 *)(r10 - 4) = 0
	r2 = r10
	r2 += -4
	r1 = b ll
	call 1
	if r0 == 0 goto out
	r2 = r10
	r2 += -4
	r3 = r0
	r1 = a ll
	r4 = 0
	call 2
out:
	r0 = 0
	exit
