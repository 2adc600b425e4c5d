// Strip a VLAN tag with bpf_xdp_adjust_head: move the MAC addresses forward, then shrink.
// @type: xdp
// @packet: hex 02000000000202000000000181000064080045000020000100004011a6cb0a0000010a00000230390035000c0000
// @packet: udp 53
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct vlan_ethhdr {
	unsigned char h_dest[ETH_ALEN];
	unsigned char h_source[ETH_ALEN];
	__be16 h_vlan_proto;
	__be16 h_vlan_TCI;
	__be16 h_vlan_encapsulated_proto;
};

SEC("xdp")
int pop_vlan(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct vlan_ethhdr *veth = data;
	struct ethhdr eth_cpy;

	if ((void *)(veth + 1) > data_end)
		return XDP_PASS;
	if (veth->h_vlan_proto != bpf_htons(ETH_P_8021Q))
		return XDP_PASS;
	__builtin_memcpy(&eth_cpy, veth, sizeof(eth_cpy));
	eth_cpy.h_proto = veth->h_vlan_encapsulated_proto;
	if (bpf_xdp_adjust_head(ctx, 4))
		return XDP_ABORTED;
	data = (void *)(long)ctx->data;
	data_end = (void *)(long)ctx->data_end;
	if (data + sizeof(struct ethhdr) > data_end)
		return XDP_ABORTED;
	__builtin_memcpy(data, &eth_cpy, sizeof(eth_cpy));
	return XDP_TX;
}

char LICENSE[] SEC("license") = "GPL";
