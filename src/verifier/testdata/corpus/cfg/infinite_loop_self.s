# @type: xdp
# @desc: goto -1 loops on itself forever
	r0 = 2
	if r1 == 0 goto +1
	exit
	goto -1
