# @type: xdp
# @map: arr:array:4:64:1
# @desc: signed lower and upper checks bound the index
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = arr ll
	call 1
	if r0 == 0 goto out
	r1 = *(u64 *)(r0 + 0)
	if r1 s> 60 goto out
	if r1 s< 0 goto out
	r0 += r1
	r1 = *(u32 *)(r0 + 0)
out:
	r0 = 2
	exit
