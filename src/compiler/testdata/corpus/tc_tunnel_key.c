// tc tunnel metadata (samples/bpf tcbpf2 style): struct bpf_tunnel_key zeroed with
// __builtin_memset, bpf_skb_set_tunnel_key with BPF_F_ZERO_CSUM_TX | BPF_F_SEQ_NUMBER, a second
// program reading it back.
// @type: sched_cls
// @packet: udp 5001
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 4);
} tun_stats SEC(".maps");

SEC("tc")
int gre_set_tunnel(struct __sk_buff *skb)
{
	struct bpf_tunnel_key key;
	__u32 k = 0;
	__u64 *v;
	int ret;

	__builtin_memset(&key, 0x0, sizeof(key));
	key.remote_ipv4 = 0xac100164;
	key.tunnel_id = 2;
	key.tunnel_tos = 0;
	key.tunnel_ttl = 64;
	ret = bpf_skb_set_tunnel_key(skb, &key, sizeof(key), BPF_F_ZERO_CSUM_TX | BPF_F_SEQ_NUMBER);
	if (ret < 0)
		k = 1;
	v = bpf_map_lookup_elem(&tun_stats, &k);
	if (v)
		*v += 1;
	return TC_ACT_OK;
}

SEC("tc")
int gre_get_tunnel(struct __sk_buff *skb)
{
	struct bpf_tunnel_key key;
	int ret = bpf_skb_get_tunnel_key(skb, &key, sizeof(key), 0);
	if (ret < 0)
		return TC_ACT_SHOT;
	bpf_printk("key %d remote ip 0x%x\n", key.tunnel_id, key.remote_ipv4);
	return TC_ACT_OK;
}
char _license[] SEC("license") = "GPL";
