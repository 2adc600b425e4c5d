# @type: xdp
# @desc: bpf_redirect to ifindex 1 returns XDP_REDIRECT
	r1 = 1
	r2 = 0
	call 23
	exit
