# @type: kprobe
# @map: rb:ringbuf:0:0:4096
# @desc: bpf_dynptr_data gives a mem_or_null slice of the record; write it after a null check
	r1 = rb ll
	r2 = 8
	r3 = 0
	r4 = r10
	r4 += -16
	call 198
	r1 = r10
	r1 += -16
	r2 = 0
	r3 = 8
	call 203
	if r0 == 0 goto sub
	*(u64 *)(r0 + 0) = 7
sub:
	r1 = r10
	r1 += -16
	r2 = 0
	call 199
	r0 = 0
	exit
