// Recompute the IPv4 header checksum in a bounded loop and compare with the packet's.
// @type: xdp
// @packet: udp 53
// @packet: tcp 80
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

static __always_inline __u16 csum_fold(__u32 csum)
{
	csum = (csum & 0xffff) + (csum >> 16);
	csum = (csum & 0xffff) + (csum >> 16);
	return (__u16)~csum;
}

SEC("xdp")
int ip_csum(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct iphdr *ip = data + sizeof(struct ethhdr);
	__u16 *words = (__u16 *)ip;
	__u32 sum = 0;

	if ((void *)(ip + 1) > data_end)
		return XDP_ABORTED;
	for (int i = 0; i < 10; i++) {
		if (i == 5)
			continue;
		sum += words[i];
	}
	if (csum_fold(sum) == ip->check)
		return XDP_PASS;
	return XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
