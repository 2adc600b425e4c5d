// A switch on the IP protocol picks the verdict; unknown protocols are counted.
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
	__type(value, __u32);
	__uint(max_entries, 4);
} verdicts SEC(".maps");

SEC("xdp")
int switch_proto(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);
	__u32 key;
	int action;

	if ((void *)(ip + 1) > data_end)
		return XDP_ABORTED;
	switch (ip->protocol) {
	case IPPROTO_TCP:
		action = XDP_PASS;
		key = 0;
		break;
	case IPPROTO_UDP:
		action = XDP_DROP;
		key = 1;
		break;
	case IPPROTO_ICMP:
		key = 2;
		action = XDP_TX;
		break;
	default:
		key = 3;
		action = XDP_PASS;
	}
	__u32 *cnt = bpf_map_lookup_elem(&verdicts, &key);
	if (!cnt)
		return XDP_ABORTED;
	*cnt += 1;
	return action;
}

char LICENSE[] SEC("license") = "GPL";
