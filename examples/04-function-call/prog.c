// @title: bpf-to-bpf calls: a static and a global function
// @description: Counts packets per protocol with two real function calls (look for `call` in the
//  Bytecode panel). l4_slot() is a global function: the verifier checks it once, on its own, from
//  its prototype (a context pointer in, an int out), and the caller then knows only that it
//  returned some int. count() is static and __noinline: the verifier follows the call with the
//  caller's exact values. Each call gets a fresh 512-byte stack frame; the arguments go in r1-r5,
//  the result comes back in r0, and r6-r9 keep their values across the call.
// @prog: xdp
// @scenario: web
// @seed: 7
// @count: 2000
// @topics: basics, functions, maps
// @outcome: per_proto[1] and per_proto[2] equal the scenario's IPv4 TCP and UDP packet counts, per_proto[0] the rest (ARP, ICMP); every packet passes.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 3); // 0: other, 1: TCP, 2: UDP
} per_proto SEC(".maps");

/* static: verified as part of each call, with the caller's values */
static __noinline void count(__u32 slot)
{
	__u64 *n = bpf_map_lookup_elem(&per_proto, &slot);
	if (n)
		__sync_fetch_and_add(n, 1);
}

/* global: verified once, on its own; it must check the packet bounds itself */
__noinline int l4_slot(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);

	if ((void *)(ip + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return 0;
	if (ip->protocol == IPPROTO_TCP)
		return 1;
	if (ip->protocol == IPPROTO_UDP)
		return 2;
	return 0;
}

SEC("xdp")
int by_protocol(struct xdp_md *ctx)
{
	count(l4_slot(ctx));
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
