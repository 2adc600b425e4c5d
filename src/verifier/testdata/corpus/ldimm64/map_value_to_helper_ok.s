# @type: kprobe
# @map: bss:array:4:32:1
# @desc: a direct map value pointer used as a helper buffer (like a global in .bss)
	ld_pseudo r1, 2, 0
	r2 = 16
	call 16
	r0 = 0
	exit
