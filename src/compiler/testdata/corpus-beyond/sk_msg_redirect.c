// sk_msg verdict program: struct sk_msg_md addresses and ports, a bounds-checked peek at the
// message data, bpf_msg_redirect_hash with BPF_F_INGRESS, SK_PASS / SK_DROP.
// @type: sk_msg
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct sock_key { __u32 sip4; __u32 dip4; __u8 family; __u8 pad1; __u16 pad2; __u32 pad3; __u32 sport; __u32 dport; };

struct {
	__uint(type, BPF_MAP_TYPE_SOCKHASH);
	__uint(max_entries, 65535);
	__type(key, struct sock_key);
	__type(value, int);
} sock_ops_map SEC(".maps");

SEC("sk_msg")
int bpf_redir(struct sk_msg_md *msg)
{
	struct sock_key key = {};
	void *data = msg->data, *data_end = msg->data_end;
	key.sip4 = msg->remote_ip4;
	key.dip4 = msg->local_ip4;
	key.family = 1;
	key.dport = (bpf_htonl(msg->local_port) >> 16);
	key.sport = msg->remote_port >> 16;
	if (data + 4 <= data_end && *(__u32 *)data == 0xdeadbeef)
		return SK_DROP;
	bpf_msg_redirect_hash(msg, &sock_ops_map, &key, BPF_F_INGRESS);
	return SK_PASS;
}
char _license[] SEC("license") = "GPL";
