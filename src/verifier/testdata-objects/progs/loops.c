// loops: bounded for over stack and map values, bpf_loop with a stack context, while over packet
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct val { __u64 arr[16]; __u32 n; };
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 4); __type(key, __u32); __type(value, struct val); } vals SEC(".maps");

SEC("xdp")
int loop_stack_sum(struct xdp_md *ctx)
{
	__u32 a[16];
	for (int i = 0; i < 16; i++)
		a[i] = i * 3;
	__u32 s = 0;
	for (int i = 0; i < 16; i++)
		s += a[i];
	return s & 3;
}

SEC("xdp")
int loop_map_n(struct xdp_md *ctx)
{
	__u32 k = 0;
	struct val *v = bpf_map_lookup_elem(&vals, &k);
	if (!v)
		return XDP_PASS;
	__u64 s = 0;
	__u32 n = v->n;
	for (__u32 i = 0; i < n && i < 16; i++)
		s += v->arr[i];
	return s > 100 ? XDP_DROP : XDP_PASS;
}

struct lctx { __u64 sum; __u32 *vals; int n; };
static long cb(__u32 idx, void *data)
{
	struct lctx *c = data;
	if (idx >= 8)
		return 1;
	c->sum += idx * idx;
	return 0;
}
SEC("xdp")
int loop_bpf_loop(struct xdp_md *ctx)
{
	struct lctx c = { .sum = 0, .n = 8 };
	long r = bpf_loop(100, cb, &c, 0);
	if (r < 0)
		return XDP_ABORTED;
	return c.sum == 140 ? XDP_PASS : XDP_DROP;
}

SEC("xdp")
int loop_packet(struct xdp_md *ctx)
{
	unsigned char *p = (void *)(long)ctx->data;
	unsigned char *end = (void *)(long)ctx->data_end;
	__u32 csum = 0;
	for (int i = 0; i < 64; i++) {
		if (p + 1 > end)
			break;
		csum += *p++;
	}
	return csum & 1 ? XDP_DROP : XDP_PASS;
}

/* mistake: bpf_loop callback returns a value outside [0, 1] */
static long bad_cb(__u32 idx, void *data)
{
	return 2;
}
SEC("xdp")
int loop_bad_cb(struct xdp_md *ctx)
{
	bpf_loop(4, bad_cb, 0, 0);
	return XDP_PASS;
}

/* variable-offset stack access: index masked to the buffer */
SEC("xdp")
int var_stack(struct xdp_md *ctx)
{
	char buf[32] = {};
	unsigned char *p = (void *)(long)ctx->data;
	unsigned char *end = (void *)(long)ctx->data_end;
	if (p + 2 > end)
		return XDP_PASS;
	__u32 i = p[0] & 31;
	buf[i] = p[1];
	__u32 j = p[1] & 31;
	return buf[j] ? XDP_DROP : XDP_PASS;
}

/* mistake: variable-offset stack read of an uninitialised buffer */
SEC("xdp")
int var_stack_uninit(struct xdp_md *ctx)
{
	char buf[32];
	unsigned char *p = (void *)(long)ctx->data;
	unsigned char *end = (void *)(long)ctx->data_end;
	if (p + 2 > end)
		return XDP_PASS;
	buf[0] = 1;
	__u32 j = p[1] & 31;
	return buf[j] ? XDP_DROP : XDP_PASS;
}

/* variable-offset map value access */
SEC("xdp")
int var_map(struct xdp_md *ctx)
{
	unsigned char *p = (void *)(long)ctx->data;
	unsigned char *end = (void *)(long)ctx->data_end;
	if (p + 1 > end)
		return XDP_PASS;
	__u32 k = 1;
	struct val *v = bpf_map_lookup_elem(&vals, &k);
	if (!v)
		return XDP_PASS;
	__u32 i = p[0];
	if (i >= 16)
		return XDP_PASS;
	v->arr[i]++;
	return XDP_PASS;
}

/* mistake: bound check off by one on a map value array */
SEC("xdp")
int var_map_oob(struct xdp_md *ctx)
{
	unsigned char *p = (void *)(long)ctx->data;
	unsigned char *end = (void *)(long)ctx->data_end;
	if (p + 1 > end)
		return XDP_PASS;
	__u32 k = 1;
	struct val *v = bpf_map_lookup_elem(&vals, &k);
	if (!v)
		return XDP_PASS;
	__u32 i = p[0];
	if (i > 17)
		return XDP_PASS;
	v->arr[i]++;
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
