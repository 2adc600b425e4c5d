// bpf_loop and bpf_for_each_map_elem callbacks: the u32 index of a callback arrives with unknown
// upper bits, so the subprogram zero-extends its narrow parameters first (as clang does) before
// using it in pointer arithmetic.
// @type: xdp
// @packet: udp 5001
// @packet: tcp 80
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct loop_ctx { __u8 *data; __u8 *end; __u32 sum; __u32 n; };

static long sum_cb(__u32 idx, void *arg)
{
	struct loop_ctx *c = arg;
	if (idx > 1500)
		return 1;
	__u8 *p = c->data + idx;
	if (p + 1 > c->end)
		return 1;
	c->sum += *p;
	c->n++;
	return 0;
}

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 8);
} h SEC(".maps");

static long each_cb(void *map, __u32 *key, __u64 *val, void *ctx)
{
	__u64 *tot = ctx;
	*tot += *val;
	return 0;
}

SEC("xdp")
int xdp_loop(struct xdp_md *ctx)
{
	struct loop_ctx c = { .data = (void *)(long)ctx->data, .end = (void *)(long)ctx->data_end };
	__u32 k;
	__u64 tot = 0;
	bpf_loop(64, sum_cb, &c, 0);
	k = c.n;
	__u64 v = c.sum;
	bpf_map_update_elem(&h, &k, &v, BPF_ANY);
	bpf_for_each_map_elem(&h, each_cb, &tot, 0);
	return tot > 1000 ? XDP_PASS : XDP_DROP;
}
char _license[] SEC("license") = "GPL";
