# @type: cgroup_skb
# @desc: cgroup skb reads data and data_end
	r2 = *(u32 *)(r1 + 76)
	r3 = *(u32 *)(r1 + 80)
	r0 = 1
	exit
