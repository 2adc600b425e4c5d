# @type: xdp
# @map: counts:hash:4:4:1024
# @desc: 8-byte write into a 4-byte value
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = counts ll
	call 1
	if r0 == 0 goto out
	r1 = 0
	*(u64 *)(r0 + 0) = r1
out:
	r0 = 2
	exit
