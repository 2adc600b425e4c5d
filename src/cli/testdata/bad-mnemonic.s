	r0 = 1
	frobnicate r0
	r11 = 2
	exit
