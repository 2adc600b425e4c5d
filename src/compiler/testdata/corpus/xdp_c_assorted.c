// Assorted C: a union, bitfields in a .data array of structs, GNU case ranges, __builtin_memcmp
// expanded inline, __sync/__atomic builtins, a compound literal, signed char widening, bpf_printk.
// @type: xdp
// @packet: udp 53
// @packet: udp 5001
// @packet: udp 7
// @packet: tcp 80
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <linux/in.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

enum verdict { V_PASS = 2, V_DROP = 1, V_ODD = 7 };
union word { __u32 w; __u8 b[4]; struct { __u16 lo, hi; } h; };
struct rule { __u16 port; __u8 proto; __u8 action : 3, log : 1, spare : 4; __u32 hits; };

struct rule rules[4] = {
	{ .port = 53, .proto = IPPROTO_UDP, .action = V_PASS, .log = 1 },
	{ .port = 5001, .proto = IPPROTO_UDP, .action = V_DROP },
	[3] = { .port = 80, .proto = IPPROTO_TCP, .action = V_PASS, .log = 1 },
};
const volatile __u64 magic = 0xfeedface12345678ULL;
static const char secret[8] = "abcdefg";
__u64 cas_slot;
__u64 xchg_slot;

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 8);
} res SEC(".maps");

static __always_inline void put(__u32 k, __u64 v)
{
	__u64 *p = bpf_map_lookup_elem(&res, &k);
	if (p) *p = v;
}

SEC("xdp")
int xdp_misc(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);
	struct udphdr *udp = (void *)(ip + 1);
	int ret = XDP_PASS;
	if ((void *)(udp + 1) > data_end) goto out;
	union word u = { .w = ip->saddr };
	put(0, u.b[3] * 1000 + u.h.hi + sizeof(enum verdict) + sizeof(union word) * 100);
	__u16 dport = bpf_ntohs(udp->dest);
	switch (dport) {
	case 1 ... 9: ret = V_ODD; break;
	case 53: case 54: case 55: ret = XDP_PASS; break;
	default:
		for (int i = 0; i < 4; i++) {
			struct rule *r = &rules[i];
			if (r->port == dport && r->proto == ip->protocol) {
				r->hits++;
				ret = r->action;
				if (r->log) put(1, i + 100);
				break;
			}
		}
	}
	put(2, magic >> 32);
	char buf[8] = {};
	__builtin_memcpy(buf, secret, sizeof(buf));
	put(3, __builtin_memcmp(buf, "abcdefg", 8) == 0 ? 'x' : '\n');
	__u64 old = __sync_val_compare_and_swap(&cas_slot, 0, dport);
	__u64 prev = __sync_lock_test_and_set(&xchg_slot, 77);
	put(4, old + prev * 2 + __atomic_fetch_add(&cas_slot, 5, __ATOMIC_RELAXED));
	struct rule tmp = (struct rule){ .port = 1, .action = 5, .log = 1, .spare = 9 };
	put(5, tmp.action + tmp.log * 10 + tmp.spare * 100 + rules[3].hits * 1000);
	put(6, (__s64)(__s8)ip->ttl * -1);
	bpf_printk("d=%d p=%d t=%d r=%d", dport, ip->protocol, ip->ttl, ret);
out:
	return ret;
}
char _license[] SEC("license") = "GPL";
