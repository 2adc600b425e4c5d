# @type: cgroup_skb
# @desc: cgroup skb must return 0 or 1 (3 with congestion flags); 5 is out of range
	r0 = 5
	exit
