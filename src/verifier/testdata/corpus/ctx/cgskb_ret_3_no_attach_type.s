# @type: cgroup_skb
# @desc: return 3 (congestion notification) needs the egress attach type; without it only [0, 1]
	r0 = 3
	exit
