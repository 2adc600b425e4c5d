# XDP: drop IPv4 UDP to port 5001 (data/data_end from xdp_md, bounds check, protocol, port)
	r2 = *(u32 *)(r1 + 4)
	r1 = *(u32 *)(r1 + 0)
	r3 = r1
	r3 += 42
	if r3 > r2 goto LBB0_3
	r2 = *(u8 *)(r1 + 23)
	if r2 != 17 goto LBB0_3
	r1 = *(u16 *)(r1 + 36)
	if r1 != 0x8913 goto LBB0_3
	r0 = 1
	exit
LBB0_3:
	r0 = 2
	exit
