# @type: cgroup_skb
# @map: counts:hash:4:8:16
# @desc: returning a map pointer from a cgroup skb program
	r0 = counts ll
	exit
