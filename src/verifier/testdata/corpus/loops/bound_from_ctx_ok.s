# @type: xdp
# @desc: loop bound read from ctx and masked to 31
	r2 = *(u32 *)(r1 + 16)
	r2 &= 31
	r1 = 0
	r0 = 0
loop:
	if r1 >= r2 goto done
	r0 += 1
	r1 += 1
	goto loop
done:
	r0 = 2
	exit
