# @type: socket_filter
# @desc: returning a stack pointer from a socket filter
	r0 = r10
	exit
