# @type: xdp
# @desc: byte swaps: be16/be32/be64, le16, bswap16/32/64 (cpu v4)
	r0 = 0x1234
	r0 = be16 r0
	r0 = be32 r0
	r0 = be64 r0
	r0 = le16 r0
	r0 = bswap16 r0
	r0 = bswap32 r0
	r0 = bswap64 r0
	r0 = 2
	exit
