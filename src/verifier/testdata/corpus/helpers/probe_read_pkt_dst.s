# @type: xdp
# @desc: bpf_probe_read_kernel into packet memory (checked) from XDP
	r2 = *(u32 *)(r1 + 0)
	r3 = *(u32 *)(r1 + 4)
	r4 = r2
	r4 += 8
	if r4 > r3 goto out
	r1 = r2
	r2 = 8
	r3 = 0
	call 113
out:
	r0 = 2
	exit
