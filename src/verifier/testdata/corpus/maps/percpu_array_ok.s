# @type: kprobe
# @map: pcpu:percpu_array:4:8:1
# @desc: per-CPU counter increment
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = pcpu ll
	call 1
	if r0 == 0 goto out
	r1 = *(u64 *)(r0 + 0)
	r1 += 1
	*(u64 *)(r0 + 0) = r1
out:
	r0 = 0
	exit
