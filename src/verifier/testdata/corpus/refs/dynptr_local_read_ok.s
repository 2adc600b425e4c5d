# @type: kprobe
# @map: arr:array:4:16:1
# @desc: bpf_dynptr_from_mem over a map value (a local dynptr, no reference), then bpf_dynptr_read out of it
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = arr ll
	call 1
	if r0 == 0 goto out
	r1 = r0
	r2 = 16
	r3 = 0
	r4 = r10
	r4 += -32
	call 197
	r1 = r10
	r1 += -40
	r2 = 8
	r3 = r10
	r3 += -32
	r4 = 0
	r5 = 0
	call 201
out:
	r0 = 0
	exit
