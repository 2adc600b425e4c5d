/* Several programs of several types in one object sharing one map and the .bss: an XDP, a tc
 * and a socket filter program, and two programs in the same "xdp" section.
 * @run xdp_one udp dport=1
 * @run xdp_two udp dport=2
 * @run tc_prog udp dport=3
 * @run sock_prog udp dport=4
 * @run xdp_one tcp dport=5
 */
#include "objs.h"
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} seen SEC(".maps");
__u64 total;

static __always_inline void bump(__u32 k)
{
	__u64 *v = bpf_map_lookup_elem(&seen, &k);
	if (v)
		__sync_fetch_and_add(v, 1);
	total += k + 1;
}

SEC("xdp")
int xdp_one(struct xdp_md *ctx)
{
	bump(0);
	return XDP_PASS;
}

SEC("xdp")
int xdp_two(struct xdp_md *ctx)
{
	bump(1);
	return XDP_DROP;
}

SEC("tc")
int tc_prog(struct __sk_buff *skb)
{
	bump(2);
	return skb->len > 40 ? TC_ACT_SHOT : TC_ACT_OK;
}

SEC("socket")
int sock_prog(struct __sk_buff *skb)
{
	bump(3);
	return skb->len;
}
char LICENSE[] SEC("license") = "GPL";
