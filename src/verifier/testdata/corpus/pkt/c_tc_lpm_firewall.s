# @type: sched_cls
# @map: deny:lpm_trie:8:1:1024:1
# @desc: clang TC: drop packets whose destination matches an LPM trie of denied prefixes
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   struct key { __u32 prefixlen; __u32 addr; };
#   struct { __uint(type, BPF_MAP_TYPE_LPM_TRIE); __type(key, struct key); __type(value, __u8); __uint(max_entries, 1024); __uint(map_flags, BPF_F_NO_PREALLOC); } deny SEC(".maps");
#   SEC("tc") int prog(struct __sk_buff *skb) {
#     void *data = (void *)(long)skb->data, *end = (void *)(long)skb->data_end;
#     struct ethhdr *eth = data;
#     struct iphdr *ip = (void *)(eth + 1);
#     if ((void *)(ip + 1) > end) return TC_ACT_OK;
#     struct key k = { .prefixlen = 32, .addr = ip->daddr };
#     return bpf_map_lookup_elem(&deny, &k) ? TC_ACT_SHOT : TC_ACT_OK;
#   }
prog:
	w0 = 0
	w2 = *(u32 *)(r1 + 80)
	w1 = *(u32 *)(r1 + 76)
	r3 = r1
	r3 += 34
	if r3 > r2 goto LBB0_4
	*(u32 *)(r10 - 8) = 32
	w1 = *(u32 *)(r1 + 30)
	*(u32 *)(r10 - 4) = w1
	r2 = r10
	r2 += -8
	r1 = deny ll
	call 1
	r1 = r0
	w0 = 1
	if r1 != 0 goto LBB0_3
	w0 = 0
LBB0_3:
	w0 <<= 1
LBB0_4:
	exit
