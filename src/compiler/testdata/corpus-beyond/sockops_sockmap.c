// sock_ops program (sockmap acceleration style): struct bpf_sock_ops fields and BPF_SOCK_OPS_*
// callbacks from the generated part of linux/bpf.h, bpf_sock_hash_update into a SOCKHASH,
// bpf_sock_ops_cb_flags_set, RTT samples in a hash map.
// @type: sockops
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define AF_INET 2
#define AF_INET6 10

struct sock_key { __u32 sip4; __u32 dip4; __u8 family; __u8 pad1; __u16 pad2; __u32 pad3; __u32 sport; __u32 dport; };

struct {
	__uint(type, BPF_MAP_TYPE_SOCKHASH);
	__uint(max_entries, 65535);
	__type(key, struct sock_key);
	__type(value, int);
} sock_ops_map SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, __u64);
} rtt SEC(".maps");

static __always_inline void extract_key4_from_ops(struct bpf_sock_ops *ops, struct sock_key *key)
{
	key->dip4 = ops->remote_ip4;
	key->sip4 = ops->local_ip4;
	key->family = 1;
	key->sport = (bpf_htonl(ops->local_port) >> 16);
	key->dport = ops->remote_port >> 16;
}

SEC("sockops")
int bpf_sockmap(struct bpf_sock_ops *skops)
{
	__u32 family, op;
	struct sock_key key = {};

	family = skops->family;
	op = skops->op;
	switch (op) {
	case BPF_SOCK_OPS_PASSIVE_ESTABLISHED_CB:
	case BPF_SOCK_OPS_ACTIVE_ESTABLISHED_CB:
		if (family == AF_INET) {
			extract_key4_from_ops(skops, &key);
			bpf_sock_hash_update(skops, &sock_ops_map, &key, BPF_NOEXIST);
		}
		bpf_sock_ops_cb_flags_set(skops, BPF_SOCK_OPS_RTT_CB_FLAG | BPF_SOCK_OPS_STATE_CB_FLAG);
		break;
	case BPF_SOCK_OPS_RTT_CB: {
		__u32 k = skops->remote_ip4;
		__u64 v = skops->srtt_us >> 3;
		bpf_map_update_elem(&rtt, &k, &v, BPF_ANY);
		break;
	}
	case BPF_SOCK_OPS_STATE_CB:
		if (skops->args[1] == BPF_TCP_CLOSE) {
			__u32 k = skops->remote_ip4;
			bpf_map_delete_elem(&rtt, &k);
		}
		break;
	default:
		break;
	}
	return 1;
}
char _license[] SEC("license") = "GPL";
