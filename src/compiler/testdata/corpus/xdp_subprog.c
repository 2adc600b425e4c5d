// bpf-to-bpf calls: __noinline helpers called from the program (and from each other).
// @type: xdp
// @packet: udp 53
// @packet: tcp 80
// @packet: icmp
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 8);
} scores SEC(".maps");

static __noinline __u64 weight(__u32 proto, __u32 len)
{
	if (proto == IPPROTO_TCP)
		return len * 3;
	if (proto == IPPROTO_UDP)
		return len * 2 + 1;
	return len;
}

static __noinline int account(__u32 slot, __u64 amount)
{
	__u64 *v = bpf_map_lookup_elem(&scores, &slot);

	if (!v)
		return -1;
	*v += amount;
	return 0;
}

SEC("xdp")
int xdp_subprog(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);

	if ((void *)(ip + 1) > data_end)
		return XDP_PASS;
	__u32 proto = ip->protocol;
	__u64 w = weight(proto, data_end - data);
	if (account(proto & 7, w) < 0)
		return XDP_ABORTED;
	account(7, 1);
	return w > 150 ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
