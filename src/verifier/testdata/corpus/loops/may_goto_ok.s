# @type: xdp
# @desc: an open-coded loop bounded by may_goto (BPF_JCOND, raw encoding)
	r0 = 0
loop:
	.byte 0xe5, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00
	r0 += 1
	goto loop
	exit
