// bpf-to-bpf calls with stack pointers, map value pointers, packet pointers; global functions
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct st { __u64 a; __u32 b; __u32 c; };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, __u32); __type(value, struct st); } sm SEC(".maps");

static __noinline int fill(struct st *s, __u32 v)
{
	s->a = v;
	s->b = v * 2;
	s->c = v + 7;
	return s->b > 10;
}
static __noinline __u64 sum(struct st *s)
{
	return s->a + s->b + s->c;
}
SEC("xdp")
int call_stack_ptr(struct xdp_md *ctx)
{
	struct st s;
	int r = fill(&s, ctx->ingress_ifindex);
	return (sum(&s) + r) & 1 ? XDP_DROP : XDP_PASS;
}

SEC("xdp")
int call_map_ptr(struct xdp_md *ctx)
{
	__u32 k = 0;
	struct st *s = bpf_map_lookup_elem(&sm, &k);
	if (!s)
		return XDP_PASS;
	fill(s, 3);
	return sum(s) > 20 ? XDP_DROP : XDP_PASS;
}

static __noinline int depth3(int *p) { return *p + 1; }
static __noinline int depth2(int *p) { int x = *p * 2; return depth3(&x) + *p; }
static __noinline int depth1(int *p) { int y = *p + 3; return depth2(&y) + depth2(p); }
SEC("xdp")
int call_chain(struct xdp_md *ctx)
{
	int v = ctx->rx_queue_index;
	return depth1(&v) & 3;
}

__noinline int gsum(struct xdp_md *ctx)
{
	if (!ctx)
		return 0;
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	if (data + 4 > end)
		return 0;
	return *(__u32 *)data;
}
SEC("xdp")
int call_global(struct xdp_md *ctx)
{
	return gsum(ctx) == 7 ? XDP_DROP : XDP_PASS;
}

/* mistake: a static function reads its caller's uninitialised stack */
static __noinline int peek(struct st *s) { return s->c; }
SEC("xdp")
int call_uninit(struct xdp_md *ctx)
{
	struct st s;
	s.a = 1;
	return peek(&s) ? XDP_DROP : XDP_PASS;
}

/* too much stack across calls: 300 + 300 > 512 */
static __noinline int big2(int v)
{
	volatile char b[300];
	b[v & 255] = 1;
	return b[5];
}
SEC("xdp")
int call_stack_too_big(struct xdp_md *ctx)
{
	volatile char b[300];
	b[ctx->rx_queue_index & 255] = 2;
	return big2(b[7]) & 1;
}
char LICENSE[] SEC("license") = "GPL";
