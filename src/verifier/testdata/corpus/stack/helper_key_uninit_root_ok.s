# @type: xdp
# @map: counts:hash:4:8:16
# @desc: map key on the stack never written: root may pass uninitialized stack to helpers
	r2 = r10
	r2 += -4
	r1 = counts ll
	call 1
	r0 = 2
	exit
