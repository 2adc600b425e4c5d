// @title: Service lookup: a hash map (Cilium) against a rule list (iptables)
// @description: Two XDP programs that make the same decision about every TCP packet: is its
//  destination port one of 64 published services? iptables_scan walks the rule list from the
//  top, the way iptables evaluates a chain, so a packet costs more instructions the further down
//  its rule sits and most for a port that matches nothing. service_map asks a hash map keyed by
//  port, as Cilium's service table does, and pays the same small cost for every packet. Allowed
//  packets pass, other TCP is dropped, everything else passes. The map is filled by the first
//  packet from the same rule list, standing in for the agent that fills it from user space. Run
//  both on a port scan and compare the instructions per packet.
// @prog: xdp
// @scenario: portscan
// @seed: 7
// @count: 3000
// @topics: networking, maps, hash-map, performance
// @outcome: Both programs drop exactly the TCP packets to ports outside the 64 services; the list scan costs several times the instructions per packet of the map lookup.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/tcp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define NUM_RULES 64

// the published services (TCP ports), most specific first as an admin would write them
static const __u16 rules[NUM_RULES] = {
	21, 23, 25, 53, 110, 111, 135, 139, 143, 161, 389, 445, 465, 514, 587, 631,
	636, 873, 902, 993, 995, 1080, 1194, 1433, 1521, 1723, 1883, 2049, 2181, 2375, 2376, 3000,
	3128, 3268, 3306, 3389, 4369, 5000, 5432, 5601, 5672, 5900, 5984, 6379, 6443, 7001, 8000, 8008,
	8080, 8081, 8443, 8888, 9000, 9042, 9090, 9092, 9200, 9418, 10250, 11211, 15672, 22, 443, 80,
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __u32);   // the port
	__type(value, __u32); // the rule's position (1-based)
	__uint(max_entries, 256);
} services SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u32);
	__uint(max_entries, 1);
} seeded SEC(".maps");

// the TCP destination port in host order, or -1 for anything that is not TCP over IPv4
static __always_inline long tcp_dport(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;

	if ((void *)(eth + 1) > data_end)
		return -1;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return -1;
	struct iphdr *ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > data_end)
		return -1;
	if (ip->protocol != IPPROTO_TCP || ip->ihl != 5)
		return -1;
	struct tcphdr *tcp = (void *)(ip + 1);
	if ((void *)(tcp + 1) > data_end)
		return -1;
	return bpf_ntohs(tcp->dest);
}

SEC("xdp")
int iptables_scan(struct xdp_md *ctx)
{
	long port = tcp_dport(ctx);
	if (port < 0)
		return XDP_PASS;
	// first match wins: the cost grows with the position of the matching rule
	for (__u64 i = 0; i < NUM_RULES; i++) {
		if (rules[i] == port)
			return XDP_PASS;
	}
	return XDP_DROP;
}

SEC("xdp")
int service_map(struct xdp_md *ctx)
{
	__u32 zero = 0;
	__u32 *done = bpf_map_lookup_elem(&seeded, &zero);
	if (done && *done == 0) {
		for (__u64 i = 0; i < NUM_RULES; i++) {
			__u32 key = rules[i];
			__u32 pos = i + 1;
			bpf_map_update_elem(&services, &key, &pos, BPF_ANY);
		}
		*done = 1;
	}
	long port = tcp_dport(ctx);
	if (port < 0)
		return XDP_PASS;
	__u32 key = port;
	// one hash lookup, whatever the number of services
	if (bpf_map_lookup_elem(&services, &key))
		return XDP_PASS;
	return XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
