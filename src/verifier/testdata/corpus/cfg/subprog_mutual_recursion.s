# @type: xdp
# @desc: two subprograms that call each other
	call a
	exit
a:
	call b
	exit
b:
	call a
	exit
