// cgroup/connect4 and cgroup/sendmsg4 (struct bpf_sock_addr): block port 25, rewrite destinations
// from a hash map, read the socket's mark through ctx->sk.
// @type: cgroup_sock_addr
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define AF_INET 2
#define SOCK_STREAM 1

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 128);
	__type(key, __u32);
	__type(value, __u32);
} rewrites SEC(".maps");

SEC("cgroup/connect4")
int connect4(struct bpf_sock_addr *ctx)
{
	__u32 dst = ctx->user_ip4, *to;
	struct bpf_sock *sk;

	if (ctx->user_family != AF_INET || ctx->type != SOCK_STREAM)
		return 1;
	if (ctx->user_port == bpf_htons(25))
		return 0;
	to = bpf_map_lookup_elem(&rewrites, &dst);
	if (to) {
		ctx->user_ip4 = *to;
		ctx->user_port = bpf_htons(8080);
	}
	sk = ctx->sk;
	if (sk && sk->mark == 7)
		return 0;
	return 1;
}

SEC("cgroup/sendmsg4")
int sendmsg4(struct bpf_sock_addr *ctx)
{
	if (ctx->msg_src_ip4 == bpf_htonl(0x7f000001))
		ctx->msg_src_ip4 = bpf_htonl(0x7f000002);
	return 1;
}
char _license[] SEC("license") = "GPL";
