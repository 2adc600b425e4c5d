# @type: xdp
# @map: arr:array:4:64:1
# @desc: loop index used for map value access goes past the value in a late iteration
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = arr ll
	call 1
	if r0 == 0 goto out
	r1 = 0
loop:
	r2 = r0
	r2 += r1
	*(u8 *)(r2 + 0) = 0
	r1 += 1
	if r1 < 65 goto loop
out:
	r0 = 2
	exit
