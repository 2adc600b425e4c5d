# @type: kprobe
# @map: counts:hash:4:8:16
# @desc: bpf_for_each_map_elem with a callback, raw bytecode without BTF
	r1 = counts ll
	r2 = cb ll
	r3 = 0
	r4 = 0
	call 164
	r0 = 0
	exit
cb:
	r0 = 0
	exit
