# @type: cgroup_skb
# @desc: returning the ctx pointer from cgroup skb
	r0 = r1
	exit
