// Count IPv4 vs IPv6 vs other frames; drop IPv6 with hop limit 1.
// @type: xdp
// @packet: udp 53
// @packet: hex 33330000000102000000000186dd6000000000083a01fe800000000000000000000000000001ff0200000000000000000000000000000180007b2d00000000
// @packet: hex 33330000000102000000000186dd6000000000083a40fe800000000000000000000000000001ff0200000000000000000000000000000180007b2d00000000
// @packet: hex ffffffffffff020000000001080600010800060400010200000000010a000001000000000000000a000002
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ipv6.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 3);
} family SEC(".maps");

SEC("xdp")
int xdp_family(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	__u32 key = 2;
	int verdict = XDP_PASS;

	if ((void *)(eth + 1) > data_end)
		return XDP_DROP;
	if (eth->h_proto == bpf_htons(ETH_P_IP)) {
		key = 0;
	} else if (eth->h_proto == bpf_htons(ETH_P_IPV6)) {
		struct ipv6hdr *ip6 = (void *)(eth + 1);
		key = 1;
		if ((void *)(ip6 + 1) > data_end)
			return XDP_DROP;
		if (ip6->hop_limit <= 1 && ip6->version == 6)
			verdict = XDP_DROP;
	}
	__u64 *v = bpf_map_lookup_elem(&family, &key);
	if (v)
		*v += 1;
	return verdict;
}

char LICENSE[] SEC("license") = "GPL";
