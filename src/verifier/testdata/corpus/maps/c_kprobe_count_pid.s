# @type: kprobe
# @map: counts:hash:4:8:10240
# @desc: clang kprobe: count calls per tgid with lookup-or-init
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   struct { __uint(type, BPF_MAP_TYPE_HASH); __type(key, __u32); __type(value, __u64); __uint(max_entries, 10240); } counts SEC(".maps");
#   SEC("kprobe/do_sys_openat2") int prog(void *ctx) {
#     __u32 tgid = bpf_get_current_pid_tgid() >> 32;
#     __u64 *v = bpf_map_lookup_elem(&counts, &tgid);
#     if (v) { (*v)++; return 0; }
#     __u64 one = 1;
#     bpf_map_update_elem(&counts, &tgid, &one, BPF_NOEXIST);
#     return 0;
#   }
prog:
	call 14
	r0 >>= 32
	*(u32 *)(r10 - 4) = w0
	r2 = r10
	r2 += -4
	r1 = counts ll
	call 1
	if r0 == 0 goto LBB0_2
	r1 = *(u64 *)(r0 + 0)
	r1 += 1
	*(u64 *)(r0 + 0) = r1
	goto LBB0_3
LBB0_2:
	*(u64 *)(r10 - 16) = 1
	r2 = r10
	r2 += -4
	r3 = r10
	r3 += -16
	r1 = counts ll
	r4 = 1
	call 2
LBB0_3:
	w0 = 0
	exit
