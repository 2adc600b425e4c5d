// Pick a backend from a flow hash: `idx = h / 65536 % N` (unsigned) indexes a const .rodata array
// after a helper call. clang turns the unsigned `/` and `%` by powers of two into `>>` and `&`,
// which the verifier bounds (BPF_MOD / BPF_DIV results are unknown to it): `backends[idx]` is
// accepted only then. The index also lives across the call (a callee-saved register or a spill).
// @type: xdp
// @packet: tcp 80
// @packet: udp 53
// @packet: tcp 443
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/tcp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define N 4
static const __u32 backends[N] = { 0x0b00000a, 0x0c00000a, 0x0d00000a, 0x0e00000a };

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, N);
} per_backend SEC(".maps");

SEC("xdp")
int lb_index(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > end || eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	struct tcphdr *tcp = (void *)(ip + 1);
	if ((void *)(tcp + 1) > end)
		return XDP_PASS;
	__u32 h = (ip->saddr ^ ((__u32)tcp->source << 16) ^ tcp->dest) * 0x9e3779b1;
	__u32 idx = h / 65536 % N;
	__u32 key = idx;
	__u64 *n = bpf_map_lookup_elem(&per_backend, &key);
	if (n)
		__sync_fetch_and_add(n, 1);
	ip->daddr = backends[idx];
	return ip->protocol == IPPROTO_TCP ? XDP_TX : XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
