// @title: Reading memory: add up a packet's payload bytes
// @description: Reads packet memory one byte at a time. For each IPv4 UDP datagram the program
//  adds up the first 32 bytes of the payload (fewer when the packet is shorter). The check
//  `p + i + 1 > data_end` inside the loop is what lets the verifier accept the read of p[i]: on
//  the path below it, the packet pointer is known to have i + 1 readable bytes. The totals go to
//  an array map: the sum of the bytes and how many were read.
// @prog: xdp
// @scenario: web
// @seed: 7
// @count: 2000
// @topics: basics, memory, loops, packet-bounds, maps
// @outcome: payload[0] is the sum of the first 32 payload bytes of every IPv4 UDP packet the scenario sent, payload[1] the number of bytes read; every packet passes.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define MAX_BYTES 32

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 2); // 0: sum of the bytes, 1: bytes read
} payload SEC(".maps");

static __always_inline void add(__u32 key, __u64 v)
{
	__u64 *p = bpf_map_lookup_elem(&payload, &key);
	if (p)
		__sync_fetch_and_add(p, v);
}

SEC("xdp")
int sum_payload(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;

	if ((void *)(eth + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	struct iphdr *ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > data_end || ip->protocol != IPPROTO_UDP || ip->ihl != 5)
		return XDP_PASS;
	struct udphdr *udp = (void *)(ip + 1);
	if ((void *)(udp + 1) > data_end)
		return XDP_PASS;

	__u8 *p = (void *)(udp + 1);
	__u64 sum = 0;
	__u32 n = 0;
#pragma clang loop unroll(disable)
	for (int i = 0; i < MAX_BYTES; i++) {
		if ((void *)(p + i + 1) > data_end) // the bounds check, inside the loop
			break;
		sum += p[i];
		n++;
	}
	add(0, sum);
	add(1, n);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
