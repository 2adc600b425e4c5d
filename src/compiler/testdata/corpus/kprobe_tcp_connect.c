// kprobe tcp_connect: IPv4 destination address and port from struct sock, guarded by CO-RE
// existence checks.
// @type: kprobe
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

#define AF_INET 2

struct conn {
	u32 daddr;
	u16 dport;
	u16 family;
};

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__type(key, struct conn);
	__type(value, u64);
	__uint(max_entries, 1024);
} conns SEC(".maps");

SEC("kprobe/tcp_connect")
int BPF_KPROBE(tcp_connect_entry, struct sock *sk)
{
	struct conn c = {};
	u64 one = 1, *n;

	if (!bpf_core_field_exists(sk->__sk_common.skc_dport))
		return 0;
	c.family = BPF_CORE_READ(sk, __sk_common.skc_family);
	if (c.family != AF_INET)
		return 0;
	c.daddr = BPF_CORE_READ(sk, __sk_common.skc_daddr);
	c.dport = bpf_ntohs(BPF_CORE_READ(sk, __sk_common.skc_dport));
	n = bpf_map_lookup_elem(&conns, &c);
	if (n)
		__sync_fetch_and_add(n, 1);
	else
		bpf_map_update_elem(&conns, &c, &one, BPF_ANY);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
