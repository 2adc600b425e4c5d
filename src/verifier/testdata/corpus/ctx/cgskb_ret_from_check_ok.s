# @type: cgroup_skb
# @desc: the return value is narrowed by a branch to [0, 1]
	r0 = *(u32 *)(r1 + 0)
	if r0 > 1 goto +1
	exit
	r0 = 0
	exit
