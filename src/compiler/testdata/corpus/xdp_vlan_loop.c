// Walk up to two VLAN tags in a bounded loop, then count the inner protocol.
// @type: xdp
// @packet: udp 53
// @packet: hex 02000000000202000000000181000064080045000020000100004011a6cb0a0000010a00000230390035000c0000
// @packet: hex 020000000002020000000001810000648100006586dd
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct vlan_hdr {
	__be16 tci;
	__be16 proto;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __u16);
	__type(value, __u32);
	__uint(max_entries, 8);
} inner SEC(".maps");

SEC("xdp")
int vlan_walk(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	void *cur = eth + 1;
	__u16 proto;
	__u32 one = 1, *v;

	if (cur > data_end)
		return XDP_DROP;
	proto = eth->h_proto;
#pragma unroll
	for (int i = 0; i < 2; i++) {
		struct vlan_hdr *vh = cur;
		if (proto != bpf_htons(ETH_P_8021Q) && proto != bpf_htons(ETH_P_8021AD))
			break;
		if ((void *)(vh + 1) > data_end)
			return XDP_DROP;
		proto = vh->proto;
		cur = vh + 1;
	}
	proto = bpf_ntohs(proto);
	v = bpf_map_lookup_elem(&inner, &proto);
	if (v)
		*v += 1;
	else
		bpf_map_update_elem(&inner, &proto, &one, BPF_NOEXIST);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
