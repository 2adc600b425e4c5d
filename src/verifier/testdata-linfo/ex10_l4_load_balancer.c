// @title: L4 load balancer (Katran-style): IP-in-IP and XDP_TX
// @description: The core of an XDP layer-4 load balancer in the style of Facebook's Katran. TCP
//  packets to the virtual IP 10.0.0.1 port 80 are spread over four backends: a hash of the
//  flow's source address and ports picks one, so every packet of a connection reaches the same
//  backend. The packet is wrapped in a new outer IPv4 header (IP-in-IP, protocol 4) addressed to
//  the backend: bpf_xdp_adjust_head grows the packet by 20 bytes at the front, the program writes
//  a fresh Ethernet header and the outer IP header with its checksum, and XDP_TX sends the frame
//  straight back out of the interface it came in on, without ever entering the network stack.
//  The backend decapsulates and answers the client directly (direct server return).
// @prog: xdp
// @scenario: web
// @seed: 7
// @count: 3000
// @topics: networking, load-balancing, encapsulation, xdp_tx, maps
// @outcome: Every IPv4 TCP packet to port 80 leaves by XDP_TX wrapped in a valid outer header to one backend per flow; the rest pass.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/tcp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define NUM_BACKENDS 4
#define VIP_PORT 80

// backend addresses 10.0.0.11 .. 10.0.0.14 as they sit in memory (network byte order)
static const __u32 backends[NUM_BACKENDS] = { 0x0b00000a, 0x0c00000a, 0x0d00000a, 0x0e00000a };

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, NUM_BACKENDS);
} per_backend SEC(".maps");

static __always_inline __u16 ip_checksum(struct iphdr *ip)
{
	__u16 *w = (__u16 *)ip;
	__u32 sum = 0;
	for (int i = 0; i < (int)(sizeof(struct iphdr) / 2); i++)
		sum += w[i];
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return ~sum;
}

SEC("xdp")
int l4lb(struct xdp_md *ctx)
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
	if (tcp->dest != bpf_htons(VIP_PORT))
		return XDP_PASS;

	// one backend per flow: hash the client's address and port
	__u32 h = ip->saddr ^ ((__u32)tcp->source << 16) ^ tcp->dest;
	h *= 0x9e3779b1;
	__u64 idx = (h >> 16) & (NUM_BACKENDS - 1); // a mask the verifier can bound
	__u32 backend = backends[idx];
	__u32 vip = ip->daddr;
	__u16 inner_len = bpf_ntohs(ip->tot_len);
	unsigned char our_mac[ETH_ALEN];
	__builtin_memcpy(our_mac, eth->h_dest, ETH_ALEN);

	// room for the outer IP header in front of the packet
	if (bpf_xdp_adjust_head(ctx, 0 - (int)sizeof(struct iphdr)))
		return XDP_DROP;
	data = (void *)(long)ctx->data;
	data_end = (void *)(long)ctx->data_end;
	eth = data;
	struct iphdr *outer = data + sizeof(struct ethhdr);
	if ((void *)(outer + 1) > data_end)
		return XDP_DROP;

	// to the backend's MAC on this link (52:54:00:01:00:<last byte of its address>), from ours
	__builtin_memcpy(eth->h_source, our_mac, ETH_ALEN);
	eth->h_dest[0] = 0x52;
	eth->h_dest[1] = 0x54;
	eth->h_dest[2] = 0x00;
	eth->h_dest[3] = 0x01;
	eth->h_dest[4] = 0x00;
	eth->h_dest[5] = backend >> 24;
	eth->h_proto = bpf_htons(ETH_P_IP);

	outer->version = 4;
	outer->ihl = 5;
	outer->tos = 0;
	outer->tot_len = bpf_htons(inner_len + sizeof(struct iphdr));
	outer->id = 0;
	outer->frag_off = 0;
	outer->ttl = 64;
	outer->protocol = IPPROTO_IPIP;
	outer->check = 0;
	outer->saddr = vip;
	outer->daddr = backend;
	outer->check = ip_checksum(outer);

	__u32 key = idx;
	__u64 *n = bpf_map_lookup_elem(&per_backend, &key);
	if (n)
		__sync_fetch_and_add(n, 1);
	return XDP_TX;
}

char LICENSE[] SEC("license") = "GPL";
