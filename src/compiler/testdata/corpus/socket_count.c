// Socket filter: count bytes per protocol number in a hash map, accept all.
// @type: socket_filter
// @packet: udp 53
// @packet: tcp 80
// @packet: udp 123
#include <linux/bpf.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 32);
} bytes SEC(".maps");

SEC("socket")
int count_bytes(struct __sk_buff *skb)
{
	struct iphdr ip;
	__u32 key;
	__u64 *v, init;

	if (bpf_skb_load_bytes(skb, 0, &ip, sizeof(ip)))
		return -1;
	key = ip.protocol;
	v = bpf_map_lookup_elem(&bytes, &key);
	if (v) {
		__sync_fetch_and_add(v, skb->len);
	} else {
		init = skb->len;
		bpf_map_update_elem(&bytes, &key, &init, BPF_ANY);
	}
	return -1;
}

char LICENSE[] SEC("license") = "GPL";
