// tc classifier: large switch with a GNU case range, variadic debug macro, enum-indexed counters,
// tc_classid and mark writes, goto-based exits.
// @type: sched_cls
// @packet: udp 5001
// @packet: udp 53
// @packet: tcp 80
// @packet: icmp
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/in.h>
#include <linux/udp.h>
#include <linux/tcp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define DEBUG 0
#define dbg(fmt, ...) do { if (DEBUG) bpf_printk(fmt, ##__VA_ARGS__); } while (0)
#define CLASS(maj, min) (((maj) << 16) | (min))

enum verdict { V_OK = 0, V_SHOT, V_REDIR, V_MARK, __V_MAX };

struct counters { __u64 c[__V_MAX]; };
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, struct counters);
	__uint(max_entries, 1);
} tc_counts SEC(".maps");

static __always_inline int classify_port(__u16 port)
{
	switch (port) {
	case 22: return CLASS(1, 1);
	case 53: return CLASS(1, 2);
	case 80:
	case 443:
	case 8080: return CLASS(1, 3);
	case 5000 ... 5999: return CLASS(1, 4);
	case 6000: return CLASS(1, 5);
	case 7000: return CLASS(1, 6);
	case 9000: return CLASS(1, 7);
	default: return CLASS(1, 9);
	}
}

SEC("tc")
int tc_classify(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip;
	enum verdict v = V_OK;
	__u32 zero = 0;
	__u16 dport = 0;
	int ret = TC_ACT_OK;

	if ((void *)(eth + 1) > data_end) { v = V_SHOT; ret = TC_ACT_SHOT; goto done; }
	if (eth->h_proto != bpf_htons(ETH_P_IP)) goto done;
	ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > data_end) { v = V_SHOT; ret = TC_ACT_SHOT; goto done; }
	switch (ip->protocol) {
	case IPPROTO_TCP: {
		struct tcphdr *th = (void *)ip + sizeof(*ip);
		if ((void *)(th + 1) > data_end) goto done;
		dport = bpf_ntohs(th->dest);
		break;
	}
	case IPPROTO_UDP: {
		struct udphdr *uh = (void *)ip + sizeof(*ip);
		if ((void *)(uh + 1) > data_end) goto done;
		dport = bpf_ntohs(uh->dest);
		break;
	}
	case IPPROTO_ICMP:
		v = V_MARK;
		dport = 0x77;
		goto done;
	default:
		goto done;
	}
	skb->tc_classid = classify_port(dport);
	dbg("port %d class %x", dport, skb->tc_classid);
	if (dport == 53) { v = V_SHOT; ret = TC_ACT_SHOT; }
	else v = V_MARK;
done:;
	struct counters *c = bpf_map_lookup_elem(&tc_counts, &zero);
	if (c)
		c->c[v]++;
	if (v == V_MARK)
		skb->mark = dport;
	return ret;
}
char _license[] SEC("license") = "GPL";
