// @title: A bounded loop over a stack array: the IPv4 checksum
// @description: Copies each IPv4 header into a 10-word array on the stack and adds the words up
//  in a loop to check the header checksum (a valid header sums to 0xffff). The verifier accepts a
//  loop when every path through it ends: here the counter starts at 0 and the loop stops at 10,
//  so it walks the iterations one by one (the `processed N insns` line grows with the bound) and
//  proves each words[i] is inside the array. Valid and broken headers are counted in a map;
//  a broken one is dropped.
// @prog: xdp
// @scenario: web
// @seed: 7
// @count: 2000
// @topics: basics, loops, stack, maps
// @outcome: checked[0] (valid headers) equals the scenario's IPv4 packet count and checked[1] stays 0, since every header the generator builds is valid; nothing is dropped.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 2); // 0: valid, 1: broken
} checked SEC(".maps");

SEC("xdp")
int ip_checksum(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	__u16 words[10]; // 20 bytes on the stack, below r10

	if ((void *)(eth + 1) + sizeof(words) > data_end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	__builtin_memcpy(words, eth + 1, sizeof(words));

	__u32 sum = 0;
#pragma clang loop unroll(disable)
	for (int i = 0; i < 10; i++) // a constant bound: the verifier can see the loop end
		sum += words[i];
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);

	__u32 key = sum == 0xffff ? 0 : 1;
	__u64 *n = bpf_map_lookup_elem(&checked, &key);
	if (n)
		__sync_fetch_and_add(n, 1);
	return key == 0 ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
