// 802.1ad/802.1Q (QinQ) parsing with a union of __be16 tci and byte members, struct vinfo of
// bit-fields stored into a hash map.
// @type: xdp
// @packet: udp 5001
// @packet: hex 02000000000202000000000188a80064810000c808004500002e00010000401166bc0a0000010a00000230391389001a0000000000000000000000000000000000000000
// @packet: hex 0200000000020200000000018100a06408004500002e00010000401166bc0a0000010a00000230391389001a0000000000000000000000000000000000000000
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct vlan_tag {
	union {
		__be16 tci;
		struct {
			__u8 hi;
			__u8 lo;
		};
	};
	__be16 proto;
};

struct vinfo {
	__u16 outer : 12, outer_pcp : 3, inner_present : 1;
	__u16 inner : 12, depth : 4;
	__u32 l3_off;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __u32);
	__type(value, struct vinfo);
	__uint(max_entries, 16);
} seen SEC(".maps");

SEC("xdp")
int xdp_qinq(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data, *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct vlan_tag *tag;
	struct vinfo vi = {};
	__u16 proto;
	__u32 key;

	if ((void *)(eth + 1) > data_end)
		return XDP_ABORTED;
	proto = bpf_ntohs(eth->h_proto);
	tag = (struct vlan_tag *)(eth + 1);
	if (proto == ETH_P_8021AD || proto == ETH_P_8021Q) {
		if ((void *)(tag + 1) > data_end)
			return XDP_DROP;
		vi.outer = bpf_ntohs(tag->tci) & 0xfff;
		vi.outer_pcp = tag->hi >> 5;
		vi.depth = 1;
		proto = bpf_ntohs(tag->proto);
		tag++;
		if (proto == ETH_P_8021Q) {
			if ((void *)(tag + 1) > data_end)
				return XDP_DROP;
			vi.inner_present = 1;
			vi.inner = ((tag->hi & 0xf) << 8) | tag->lo;
			vi.depth++;
			proto = bpf_ntohs(tag->proto);
			tag++;
		}
	}
	vi.l3_off = (void *)tag - data;
	key = (__u32)vi.outer << 16 | vi.inner;
	bpf_map_update_elem(&seen, &key, &vi, BPF_ANY);
	if (proto != ETH_P_IP)
		return XDP_PASS;
	struct iphdr *ip = (void *)tag;
	if ((void *)(ip + 1) > data_end)
		return XDP_DROP;
	return vi.depth == 2 ? XDP_DROP : (vi.depth == 1 ? XDP_TX : XDP_PASS);
}
char _license[] SEC("license") = "GPL";
