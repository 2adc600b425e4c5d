# @type: tracepoint
# @map: execs:hash:4:8:1024
# @desc: clang tracepoint: count execve per uid; reads the syscall nr field of the record
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   struct { __uint(type, BPF_MAP_TYPE_HASH); __type(key, __u32); __type(value, __u64); __uint(max_entries, 1024); } execs SEC(".maps");
#   struct sys_enter { __u64 pad; long id; unsigned long args[6]; };
#   SEC("tracepoint/raw_syscalls/sys_enter") int prog(struct sys_enter *ctx) {
#     if (ctx->id != 59) return 0;
#     __u32 uid = bpf_get_current_uid_gid();
#     __u64 *v = bpf_map_lookup_elem(&execs, &uid);
#     if (v) __sync_fetch_and_add(v, 1);
#     else { __u64 one = 1; bpf_map_update_elem(&execs, &uid, &one, BPF_NOEXIST); }
#     return 0;
#   }
prog:
	r1 = *(u64 *)(r1 + 8)
	if r1 != 59 goto LBB0_4
	call 15
	*(u32 *)(r10 - 4) = w0
	r2 = r10
	r2 += -4
	r1 = execs ll
	call 1
	if r0 == 0 goto LBB0_3
	r1 = 1
	lock *(u64 *)(r0 + 0) += r1
	goto LBB0_4
LBB0_3:
	*(u64 *)(r10 - 16) = 1
	r2 = r10
	r2 += -4
	r3 = r10
	r3 += -16
	r1 = execs ll
	r4 = 1
	call 2
LBB0_4:
	w0 = 0
	exit
