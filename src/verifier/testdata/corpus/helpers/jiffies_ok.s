# @type: kprobe
# @desc: bpf_jiffies64 and bpf_ktime_get_boot_ns
	call 118
	call 125
	r0 = 0
	exit
