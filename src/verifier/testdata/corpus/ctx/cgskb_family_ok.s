# @type: cgroup_skb
# @desc: cgroup skb reads socket fields family, remote_port
	r2 = *(u32 *)(r1 + 88)
	r3 = *(u32 *)(r1 + 132)
	r0 = 1
	exit
