// @title: DDoS: a SYN flood dropper (Cloudflare-style)
// @description: Under a SYN flood the cheapest place to drop is XDP, before the kernel allocates
//  anything for the packet. This program applies two rules to TCP SYNs, the way Cloudflare's
//  mitigation pipeline pushes generated rules into XDP. A signature rule drops SYNs that carry no
//  TCP options at all (hping3 and many flood tools send those; real stacks never do). A rate limit
//  then lets each source address open at most 3 connections: the count lives in an LRU per-CPU
//  hash, so the CPUs never contend for it and the table keeps only the most recent sources however
//  many addresses the attacker spoofs. The scenario mixes both kinds of attacker: bots that use
//  their real addresses and real stacks (the rate limit catches them) and spoofed bare SYNs (the
//  signature catches those). Drops are tallied by rule in a per-CPU array.
// @prog: xdp
// @scenario: botnet
// @seed: 7
// @count: 10000
// @topics: networking, ddos, maps, per-cpu, lru
// @outcome: Every SYN without options is dropped, and any source's 4th and later SYNs on a CPU; nothing else is.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/tcp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define SYN_LIMIT 3

struct {
	__uint(type, BPF_MAP_TYPE_LRU_PERCPU_HASH);
	__type(key, __u32);   // source address
	__type(value, __u64); // SYNs seen from it (on this CPU)
	__uint(max_entries, 65536);
} syn_count SEC(".maps");

enum { DROP_SIGNATURE, DROP_RATE, PASS_SYN, NUM_STATS };

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, NUM_STATS);
} stats SEC(".maps");

static __always_inline int tally(__u32 what, int verdict)
{
	__u64 *n = bpf_map_lookup_elem(&stats, &what);
	if (n)
		*n += 1; // per-CPU: no atomic needed
	return verdict;
}

SEC("xdp")
int syn_dropper(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;

	if ((void *)(eth + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	struct iphdr *ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > data_end)
		return XDP_PASS;
	if (ip->protocol != IPPROTO_TCP || ip->ihl != 5)
		return XDP_PASS;
	struct tcphdr *tcp = (void *)(ip + 1);
	if ((void *)(tcp + 1) > data_end)
		return XDP_PASS;
	if (!tcp->syn || tcp->ack)
		return XDP_PASS;

	// rule 1: the flood tool's signature, a bare 20-byte TCP header
	if (tcp->doff == 5)
		return tally(DROP_SIGNATURE, XDP_DROP);

	// rule 2: at most SYN_LIMIT SYNs per source
	__u32 src = ip->saddr;
	__u64 *seen = bpf_map_lookup_elem(&syn_count, &src);
	if (seen) {
		if (*seen >= SYN_LIMIT)
			return tally(DROP_RATE, XDP_DROP);
		*seen += 1;
	} else {
		__u64 one = 1;
		bpf_map_update_elem(&syn_count, &src, &one, BPF_ANY);
	}
	return tally(PASS_SYN, XDP_PASS);
}

char LICENSE[] SEC("license") = "GPL";
