// @title: XDP: drop UDP to port 5001
// @description: A C program for the XDP hook. It walks the Ethernet, IPv4 and UDP headers,
//   proving to the verifier before every read that the bytes are inside the packet, counts
//   what it drops in an array map and returns XDP_DROP for UDP port 5001, XDP_PASS otherwise.
// @prog: xdp
// @topics: networking, maps, packet-bounds
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 1);
} dropped SEC(".maps");

SEC("xdp")
int drop_udp_5001(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;

	// every access needs a bounds check first, or the verifier refuses the load
	if ((void *)(eth + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;

	struct iphdr *ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > data_end)
		return XDP_PASS;
	if (ip->protocol != IPPROTO_UDP)
		return XDP_PASS;

	struct udphdr *udp = (void *)ip + ip->ihl * 4;
	if ((void *)(udp + 1) > data_end)
		return XDP_PASS;
	if (udp->dest != bpf_htons(5001))
		return XDP_PASS;

	__u32 key = 0;
	__u64 *count = bpf_map_lookup_elem(&dropped, &key);
	if (count)
		__sync_fetch_and_add(count, 1);
	return XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
