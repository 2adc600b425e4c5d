# @type: sched_cls
# @map: stats:hash:4:16:64
# @desc: clang TC: the classic bug, no null check after a hash map lookup
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   struct st { __u64 packets, bytes; };
#   struct { __uint(type, BPF_MAP_TYPE_HASH); __type(key, __u32); __type(value, struct st); __uint(max_entries, 64); } stats SEC(".maps");
#   SEC("tc") int prog(struct __sk_buff *skb) {
#     __u32 k = skb->ifindex;
#     struct st *s = bpf_map_lookup_elem(&stats, &k);
#     s->packets++;
#     return TC_ACT_OK;
#   }
prog:
	w1 = *(u32 *)(r1 + 40)
	*(u32 *)(r10 - 4) = w1
	r2 = r10
	r2 += -4
	r1 = stats ll
	call 1
	r1 = *(u64 *)(r0 + 0)
	r1 += 1
	*(u64 *)(r0 + 0) = r1
	w0 = 0
	exit
