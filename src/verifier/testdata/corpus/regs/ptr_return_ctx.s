# @type: xdp
# @desc: returning the ctx pointer from an XDP program
	r0 = r1
	exit
