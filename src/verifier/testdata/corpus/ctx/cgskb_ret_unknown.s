# @type: cgroup_skb
# @desc: cgroup skb returns an unknown value
	r0 = *(u32 *)(r1 + 0)
	exit
