# @type: kprobe
# @desc: a signed size that may be negative
	r2 = *(u64 *)(r1 + 104)
	r3 = *(u64 *)(r1 + 112)
	if r2 s> 16 goto out
	r1 = r10
	r1 += -16
	call 113
out:
	r0 = 0
	exit
