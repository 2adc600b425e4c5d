# @type: sched_cls
# @map: arr:array:4:8:1
# @desc: bpf_spin_lock on a map value without a struct bpf_spin_lock (no BTF)
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = arr ll
	call 1
	if r0 == 0 goto out
	r1 = r0
	call 93
out:
	r0 = 0
	exit
