# @type: kprobe
# @map: buf:array:4:64:1
# @desc: bpf_probe_read_kernel into a map value with a size bounded to 63
	r6 = *(u64 *)(r1 + 112)
	r7 = *(u64 *)(r1 + 104)
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = buf ll
	call 1
	if r0 == 0 goto out
	r7 &= 63
	r1 = r0
	r2 = r7
	r3 = r6
	call 113
out:
	r0 = 0
	exit
