/* A socket filter: bpf_skb_load_bytes from the network header, a per-protocol hash counter, and
 * the return value as the number of bytes kept.
 * @run sock_count udp dport=53
 * @run sock_count tcp dport=22
 * @run sock_count udp dport=53
 */
#include "objs.h"
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8);
	__type(key, __u8);
	__type(value, __u32);
} protos SEC(".maps");

SEC("socket")
int sock_count(struct __sk_buff *skb)
{
	__u8 proto;
	if (bpf_skb_load_bytes(skb, __builtin_offsetof(struct iphdr, protocol), &proto, 1) < 0)
		return 0;
	__u32 one = 1, *c = bpf_map_lookup_elem(&protos, &proto);
	if (c)
		*c += 1;
	else
		bpf_map_update_elem(&protos, &proto, &one, BPF_ANY);
	return proto == IPPROTO_TCP ? 0 : 64;
}
char LICENSE[] SEC("license") = "GPL";
