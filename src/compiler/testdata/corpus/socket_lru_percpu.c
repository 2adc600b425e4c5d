// Socket filter with an LRU hash and a per-CPU hash, keyed by a small struct.
// @type: socket_filter
// @packet: udp 53
// @packet: udp 53
// @packet: tcp 443
#include <linux/bpf.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>

struct key {
	__u32 daddr;
	__u16 proto;
	__u16 len_class;
};

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__type(key, struct key);
	__type(value, __u64);
	__uint(max_entries, 64);
} recent SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 16);
} per_proto SEC(".maps");

SEC("socket")
int lru_percpu(struct __sk_buff *skb)
{
	struct iphdr ip;
	struct key k = {};
	__u64 init = 1, *v;
	__u32 proto;

	if (bpf_skb_load_bytes(skb, 0, &ip, sizeof(ip)) < 0)
		return 0;
	k.daddr = ip.daddr;
	k.proto = ip.protocol;
	k.len_class = skb->len > 64 ? 2 : 1;
	v = bpf_map_lookup_elem(&recent, &k);
	if (v)
		*v += 1;
	else
		bpf_map_update_elem(&recent, &k, &init, BPF_ANY);
	proto = ip.protocol;
	v = bpf_map_lookup_elem(&per_proto, &proto);
	if (v)
		*v += skb->len;
	else
		bpf_map_update_elem(&per_proto, &proto, &init, BPF_NOEXIST);
	return skb->len;
}

char LICENSE[] SEC("license") = "GPL";
