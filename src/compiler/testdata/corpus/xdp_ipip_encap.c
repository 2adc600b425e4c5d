// XDP IP-in-IP encapsulation with bpf_xdp_adjust_head (a new outer header, checksum summed in
// an unrolled loop), and bpf_xdp_adjust_tail trimming TCP frames.
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

static __always_inline __u16 csum16(__u32 sum)
{
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return ~sum;
}

SEC("xdp")
int xdp_ipip(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	if ((void *)(eth + 1) > data_end) return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IP)) return XDP_PASS;
	struct iphdr *inner = (void *)(eth + 1);
	if ((void *)(inner + 1) > data_end) return XDP_PASS;
	if (inner->protocol == IPPROTO_TCP) {
		// trim 4 bytes off the end
		if (bpf_xdp_adjust_tail(ctx, -4)) return XDP_ABORTED;
		return XDP_PASS;
	}
	__u16 inner_len = bpf_ntohs(inner->tot_len);
	struct ethhdr old = *eth;
	if (bpf_xdp_adjust_head(ctx, 0 - (int)sizeof(struct iphdr))) return XDP_ABORTED;
	data = (void *)(long)ctx->data;
	data_end = (void *)(long)ctx->data_end;
	eth = data;
	struct iphdr *outer = data + sizeof(*eth);
	if ((void *)(outer + 1) > data_end) return XDP_ABORTED;
	__builtin_memcpy(eth, &old, sizeof(old));
	outer->version = 4;
	outer->ihl = 5;
	outer->tos = 0;
	outer->tot_len = bpf_htons(inner_len + sizeof(*outer));
	outer->id = 0;
	outer->frag_off = 0;
	outer->ttl = 64;
	outer->protocol = IPPROTO_IPIP;
	outer->saddr = bpf_htonl(0xc0a80001);
	outer->daddr = bpf_htonl(0xc0a80002);
	outer->check = 0;
	__u32 sum = 0;
	__u16 *p = (__u16 *)outer;
#pragma unroll
	for (int i = 0; i < 10; i++) sum += p[i];
	outer->check = csum16(sum);
	return XDP_TX;
}
char _license[] SEC("license") = "GPL";
