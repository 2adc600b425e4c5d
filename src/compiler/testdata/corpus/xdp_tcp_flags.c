// Classify TCP segments by flags (bit-fields) and count them in a hash map.
// @type: xdp
// @packet: tcp 80
// @packet: tcp 443
// @packet: udp 80
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/tcp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 64);
} flag_count SEC(".maps");

static __always_inline void bump(__u32 key)
{
	__u64 one = 1, *v;

	v = bpf_map_lookup_elem(&flag_count, &key);
	if (v)
		*v += 1;
	else
		bpf_map_update_elem(&flag_count, &key, &one, BPF_NOEXIST);
}

SEC("xdp")
int tcp_flags(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	if ((void *)(eth + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	struct iphdr *ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > data_end || ip->protocol != IPPROTO_TCP)
		return XDP_PASS;
	struct tcphdr *tcp = (void *)ip + ip->ihl * 4;
	if ((void *)(tcp + 1) > data_end)
		return XDP_PASS;
	if (tcp->syn && !tcp->ack)
		bump(1);
	else if (tcp->fin)
		bump(2);
	else if (tcp->rst)
		bump(3);
	else
		bump(4 + tcp->psh);
	bump(100 + tcp->doff);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
