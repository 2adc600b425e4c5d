// tc programs rewriting packets with helpers; socket lookups (references)
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <linux/in.h>
#define offsetof(t, m) __builtin_offsetof(t, m)
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define IP_CSUM_OFF (ETH_HLEN + offsetof(struct iphdr, check))
#define IP_DST_OFF (ETH_HLEN + offsetof(struct iphdr, daddr))
#define UDP_CSUM_OFF (ETH_HLEN + sizeof(struct iphdr) + offsetof(struct udphdr, check))
#define UDP_DPORT_OFF (ETH_HLEN + sizeof(struct iphdr) + offsetof(struct udphdr, dest))

struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 64); __type(key, __u32); __type(value, __u32); } nat SEC(".maps");

SEC("tc")
int tc_dnat(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = data + sizeof(*eth);
	if ((void *)(iph + 1) > data_end)
		return TC_ACT_OK;
	if (eth->h_proto != bpf_htons(ETH_P_IP) || iph->protocol != IPPROTO_UDP || iph->ihl != 5)
		return TC_ACT_OK;
	__u32 old = iph->daddr;
	__u32 *new = bpf_map_lookup_elem(&nat, &old);
	if (!new)
		return TC_ACT_OK;
	__u32 nv = *new;
	bpf_l4_csum_replace(skb, UDP_CSUM_OFF, old, nv, BPF_F_PSEUDO_HDR | sizeof(nv));
	bpf_l3_csum_replace(skb, IP_CSUM_OFF, old, nv, sizeof(nv));
	bpf_skb_store_bytes(skb, IP_DST_OFF, &nv, sizeof(nv), 0);
	return TC_ACT_OK;
}

SEC("tc")
int tc_port_rw(struct __sk_buff *skb)
{
	__u16 port;
	if (bpf_skb_load_bytes(skb, UDP_DPORT_OFF, &port, sizeof(port)) < 0)
		return TC_ACT_OK;
	if (port != bpf_htons(8080))
		return TC_ACT_OK;
	__u16 np = bpf_htons(80);
	bpf_l4_csum_replace(skb, UDP_CSUM_OFF, port, np, sizeof(np));
	bpf_skb_store_bytes(skb, UDP_DPORT_OFF, &np, sizeof(np), BPF_F_RECOMPUTE_CSUM);
	/* store_bytes invalidates packet pointers: re-read them */
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	if (data + ETH_HLEN > data_end)
		return TC_ACT_SHOT;
	return bpf_redirect(skb->ifindex, 0);
}

/* mistake: uses a packet pointer after bpf_skb_store_bytes */
SEC("tc")
int tc_stale_ptr(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct iphdr *iph = data + ETH_HLEN;
	if ((void *)(iph + 1) > data_end)
		return TC_ACT_OK;
	__u8 ttl = 64;
	bpf_skb_store_bytes(skb, ETH_HLEN + offsetof(struct iphdr, ttl), &ttl, 1, 0);
	return iph->protocol == IPPROTO_TCP ? TC_ACT_SHOT : TC_ACT_OK;
}

SEC("tc")
int tc_sk_lookup(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct iphdr *iph = data + ETH_HLEN;
	if ((void *)(iph + 1) > data_end)
		return TC_ACT_OK;
	struct tcphdr *th = (void *)(iph + 1);
	if ((void *)(th + 1) > data_end)
		return TC_ACT_OK;
	struct bpf_sock_tuple t = {};
	t.ipv4.saddr = iph->saddr; t.ipv4.daddr = iph->daddr;
	t.ipv4.sport = th->source; t.ipv4.dport = th->dest;
	struct bpf_sock *sk = bpf_sk_lookup_tcp(skb, &t, sizeof(t.ipv4), BPF_F_CURRENT_NETNS, 0);
	if (!sk)
		return TC_ACT_OK;
	int st = sk->state;
	bpf_sk_release(sk);
	return st == 10 ? TC_ACT_SHOT : TC_ACT_OK;
}

/* mistake: the socket reference leaks on one path */
SEC("tc")
int tc_sk_leak(struct __sk_buff *skb)
{
	struct bpf_sock_tuple t = {};
	t.ipv4.dport = bpf_htons(22);
	struct bpf_sock *sk = bpf_sk_lookup_tcp(skb, &t, sizeof(t.ipv4), BPF_F_CURRENT_NETNS, 0);
	if (!sk)
		return TC_ACT_OK;
	if (sk->state == 10)
		return TC_ACT_SHOT;
	bpf_sk_release(sk);
	return TC_ACT_OK;
}

/* mistake: bpf_skb_load_bytes with a length that may be 0..255 unchecked lower? (len from packet) */
SEC("tc")
int tc_load_var(struct __sk_buff *skb)
{
	char buf[64];
	__u32 len = skb->len;
	if (len > sizeof(buf))
		len = sizeof(buf);
	if (bpf_skb_load_bytes(skb, 0, buf, len) < 0)
		return TC_ACT_OK;
	return buf[0] == 1 ? TC_ACT_SHOT : TC_ACT_OK;
}
char LICENSE[] SEC("license") = "GPL";
