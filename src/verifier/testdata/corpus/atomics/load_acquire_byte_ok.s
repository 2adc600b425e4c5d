# @type: xdp
# @map: counts:array:4:8:1
# @desc: 8-bit load-acquire from a map value (raw encoding)
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = counts ll
	call 1
	if r0 == 0 goto out
	.byte 0xd3, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00
out:
	r0 = 2
	exit
