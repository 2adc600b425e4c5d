# @type: cgroup_skb
# @desc: cgroup skb writes mark and priority
	r2 = 1
	*(u32 *)(r1 + 8) = r2
	*(u32 *)(r1 + 32) = r2
	r0 = 1
	exit
