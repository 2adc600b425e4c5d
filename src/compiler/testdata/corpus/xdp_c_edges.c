// C corners: __attribute__((fallthrough)); as a statement, # / ## / __VA_OPT__ macros,
// LINUX_VERSION_CODE #if, offsetof through an array element, an inline function returning a struct,
// a static local plus tentative globals (clang places tentative definitions last in .bss, after
// static locals), pointer-valued ternary into __sync_fetch_and_add.
// @type: xdp
// @packet: udp 5001
// @packet: tcp 80
// @packet: icmp
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/version.h>
#include <stddef.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define STR(x) #x
#define XSTR(x) STR(x)
#define CAT(a, b) a##b
#define PROG_SEC "xdp"
#define COUNT(name) CAT(cnt_, name)
#define LOG(fmt, ...) bpf_printk("[" XSTR(__LINE__) "] " fmt __VA_OPT__(,) __VA_ARGS__)

#if LINUX_VERSION_CODE < KERNEL_VERSION(5, 0, 0)
#error "too old"
#endif

enum kind { K_NONE, K_UDP = 1 << 2, K_TCP = 1 << 3, K_OTHER };
struct slot { __u8 used; __u16 port; };
struct table { __u32 n; struct slot s[4]; };
_Static_assert(offsetof(struct table, s[2].port) == 14, "layout");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, struct table);
	__uint(max_entries, 1);
} tbl SEC(".maps");

__u64 COUNT(udp), COUNT(tcp);

static __always_inline enum kind classify(const struct iphdr *ip)
{
	switch (ip->protocol) {
	case IPPROTO_UDP:
		return K_UDP;
	case IPPROTO_TCP:
		return K_TCP;
	case IPPROTO_ICMP:
		__attribute__((fallthrough));
	default:
		return K_OTHER;
	}
}

static __always_inline struct slot pick(struct table *t, __u16 port)
{
	struct slot r = { .used = 0, .port = 0 };
	for (int i = 0; i < 4; i++) {
		if (t->s[i].used && t->s[i].port == port) {
			r = t->s[i];
			break;
		}
	}
	return r;
}

SEC(PROG_SEC)
int xdp_edge(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data, *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = (struct iphdr *)(eth + 1);
	static __u64 calls;
	__u32 zero = 0;
	struct table *t;
	__u64 *ctr;
	__u16 port = 0;

	calls++;
	if ((void *)(ip + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	enum kind k = classify(ip);
	ctr = k == K_UDP ? &cnt_udp : &cnt_tcp;
	if (k != K_OTHER)
		__sync_fetch_and_add(ctr, 1);
	if (k == K_UDP || k == K_TCP) {
		__be16 *pp = (void *)ip + ip->ihl * 4;
		if ((void *)(pp + 2) > data_end)
			return XDP_DROP;
		port = bpf_ntohs(pp[1]);
	}
	t = bpf_map_lookup_elem(&tbl, &zero);
	if (!t)
		return XDP_ABORTED;
	if (t->n < 4) {
		__u32 n = t->n;
		t->s[n & 3].used = 1;
		t->s[n & 3].port = port;
		t->n = n + 1;
	}
	struct slot s = pick(t, port);
	LOG("port %d used %d", port, s.used);
	LOG("calls");
	return s.used ? XDP_TX : XDP_PASS;
}
char _license[] SEC("license") = "GPL";
