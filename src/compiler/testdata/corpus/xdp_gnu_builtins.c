// GNU C in the wild: typeof-based max/min_t statement-expression macros, __auto_type, compound
// literal of nested structs, _Static_assert, 2-D const array, __builtin_popcount /
// __builtin_bswap32, a __noinline subprogram taking a stack pointer.
// @type: xdp
// @packet: udp 5001
// @packet: tcp 80
// @packet: icmp
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define max(a, b) ({ typeof(a) _a = (a); typeof(b) _b = (b); _a > _b ? _a : _b; })
#define min_t(t, a, b) ({ t _x = (a); t _y = (b); _x < _y ? _x : _y; })
#define FIELD_SIZEOF(t, f) (sizeof(((t *)0)->f))
_Static_assert(FIELD_SIZEOF(struct iphdr, saddr) == 4, "saddr");

struct pt { __u16 x, y; };
struct box { struct pt a, b; __u8 tag[4]; };
static const __u8 grid[3][4] = { {1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12} };

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, struct box);
	__uint(max_entries, 4);
} boxes SEC(".maps");

static __noinline int area(struct box *b)
{
	if (!b)
		return 0;
	return (b->b.x - b->a.x) * (b->b.y - b->a.y);
}

SEC("xdp")
int xdp_cfeat(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data, *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);
	__auto_type len = data_end - data;
	__u32 key = 1;
	int acc = 0;

	if ((void *)(ip + 1) > data_end)
		return XDP_PASS;
	struct box b = (struct box){ .a = { 1, 2 }, .b = { .x = 5, .y = (__u16)(len & 0xff) }, .tag = "ab" };
	acc += area(&b);
	acc = max(acc, 7);
	acc += min_t(int, len, 100);
	acc += __builtin_popcount(ip->daddr);
	acc += __builtin_bswap32(ip->saddr) & 0xff;
	acc += grid[ip->ttl & 1][ip->protocol & 3];
	for (int i = 0; i < 3; i++) {
		if (i == 1)
			continue;
		acc += grid[i][i];
	}
	struct box *m = bpf_map_lookup_elem(&boxes, &key);
	if (m) {
		*m = b;
		m->tag[3] = acc & 0xff;
	}
	return acc & 1 ? XDP_PASS : XDP_DROP;
}
char _license[] SEC("license") = "GPL";
