// Katran-like 5-tuple flow table: jhash_3words with rol32 and the __jhash_final macro, anonymous
// union of ports, LRU hash of per-flow counters, h % 65537 ring index.
// @type: xdp
// @packet: udp 5001
// @packet: udp 53
// @packet: tcp 80
// @packet: icmp
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <linux/tcp.h>
#include <linux/in.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define __jhash_final(a, b, c)			\
{						\
	c ^= b; c -= rol32(b, 14);		\
	a ^= c; a -= rol32(c, 11);		\
	b ^= a; b -= rol32(a, 25);		\
	c ^= b; c -= rol32(b, 16);		\
	a ^= c; a -= rol32(c, 4);		\
	b ^= a; b -= rol32(a, 14);		\
	c ^= b; c -= rol32(b, 24);		\
}
#define JHASH_INITVAL 0xdeadbeef

static __always_inline __u32 rol32(__u32 word, unsigned int shift)
{
	return (word << shift) | (word >> ((-shift) & 31));
}

static __always_inline __u32 __jhash_nwords(__u32 a, __u32 b, __u32 c, __u32 initval)
{
	a += initval;
	b += initval;
	c += initval;
	__jhash_final(a, b, c);
	return c;
}

static __always_inline __u32 jhash_3words(__u32 a, __u32 b, __u32 c, __u32 initval)
{
	return __jhash_nwords(a, b, c, initval + JHASH_INITVAL + (3 << 2));
}

struct flow_key {
	__be32 src;
	__be32 dst;
	union {
		__u32 ports;
		__u16 port16[2];
	};
	__u8 proto;
	__u8 pad[3];
};

struct flow_val { __u64 packets; __u64 bytes; __u32 hash; __u32 ring; };

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__type(key, struct flow_key);
	__type(value, struct flow_val);
	__uint(max_entries, 512);
} flows SEC(".maps");

#define RING_SIZE 65537

SEC("xdp")
int xdp_flow_hash(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data, *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph;
	struct flow_key key = {};
	struct flow_val *v, nv = {};
	__u64 len = data_end - data;

	if (data + sizeof(*eth) + sizeof(*iph) > data_end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	iph = data + sizeof(*eth);
	if (iph->ihl != 5)
		return XDP_PASS;
	key.src = iph->saddr;
	key.dst = iph->daddr;
	key.proto = iph->protocol;
	switch (iph->protocol) {
	case IPPROTO_TCP:
	case IPPROTO_UDP: {
		__u16 *ports = (void *)(iph + 1);
		if ((void *)(ports + 2) > data_end)
			return XDP_DROP;
		key.port16[0] = ports[0];
		key.port16[1] = ports[1];
		break;
	}
	default:
		key.ports = 0;
	}
	__u32 h = jhash_3words(key.src, key.dst, key.ports ^ key.proto, 0x1234);
	v = bpf_map_lookup_elem(&flows, &key);
	if (v) {
		v->packets++;
		v->bytes += len;
		return XDP_PASS;
	}
	nv.packets = 1;
	nv.bytes = len;
	nv.hash = h;
	nv.ring = h % RING_SIZE;
	bpf_map_update_elem(&flows, &key, &nv, BPF_ANY);
	return (h & 1) ? XDP_PASS : XDP_TX;
}
char _license[] SEC("license") = "GPL";
