# @type: sched_cls
# @map: stats:percpu_array:4:16:1
# @desc: clang TC: no null check, yet accepted: an array lookup with a constant in-range key (stored with BPF_ST) cannot return NULL
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   struct st { __u64 packets, bytes; };
#   struct { __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY); __type(key, __u32); __type(value, struct st); __uint(max_entries, 1); } stats SEC(".maps");
#   SEC("tc") int prog(struct __sk_buff *skb) {
#     __u32 k = 0;
#     struct st *s = bpf_map_lookup_elem(&stats, &k);
#     s->packets++;
#     return TC_ACT_OK;
#   }
prog:
	*(u32 *)(r10 - 4) = 0
	r2 = r10
	r2 += -4
	r1 = stats ll
	call 1
	r1 = *(u64 *)(r0 + 0)
	r1 += 1
	*(u64 *)(r0 + 0) = r1
	w0 = 0
	exit
