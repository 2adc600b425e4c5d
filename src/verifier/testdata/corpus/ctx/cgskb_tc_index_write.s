# @type: cgroup_skb
# @desc: cgroup skb may not write tc_index
	r2 = 1
	*(u32 *)(r1 + 44) = r2
	r0 = 1
	exit
