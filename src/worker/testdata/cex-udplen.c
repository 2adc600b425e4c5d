// Reads the last 4 bytes of the UDP payload, found with the UDP length field, but bounds-checks only
// the UDP header: the read's offset comes from two packet bytes (udp->len).
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

SEC("xdp")
int udp_trailer(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);
	struct udphdr *udp = (void *)(ip + 1);
	if ((void *)(udp + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IP) || ip->protocol != IPPROTO_UDP)
		return XDP_PASS;
	__u16 len = bpf_ntohs(udp->len);
	if (len < sizeof(*udp) + 4)
		return XDP_PASS;
	__u32 *trailer = (void *)udp + len - 4;
	if (*trailer == 0xdeadbeef)
		return XDP_DROP;
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
