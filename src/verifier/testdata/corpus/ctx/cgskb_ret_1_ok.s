# @type: cgroup_skb
# @desc: cgroup skb returning 1 (allow)
	r0 = 1
	exit
