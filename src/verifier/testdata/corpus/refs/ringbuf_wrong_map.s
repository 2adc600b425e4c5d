# @type: kprobe
# @map: counts:hash:4:8:16
# @desc: bpf_ringbuf_reserve on a hash map
	r1 = counts ll
	r2 = 16
	r3 = 0
	call 131
	r0 = 0
	exit
