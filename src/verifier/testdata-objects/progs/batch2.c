// second batch (clang-19 -mcpu=v4): ldsx/sdiv/smod/bswap, writable globals, tail calls, queues, devmap,
// adjust_tail, skb field access, atomics
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

struct { __uint(type, BPF_MAP_TYPE_PROG_ARRAY); __uint(max_entries, 4); __type(key, __u32); __type(value, __u32); } jt SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_QUEUE); __uint(max_entries, 64); __type(value, __u64); } q SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_DEVMAP); __uint(max_entries, 8); __type(key, __u32); __type(value, __u32); } dm SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_LRU_HASH); __uint(max_entries, 128); __type(key, __u32); __type(value, __u64); } lru SEC(".maps");

__u64 pkts = 0;
__u32 last_len;
int table[8] = {1, 2, 3, 4, 5, 6, 7, 8};

SEC("xdp")
int v4_ops(struct xdp_md *ctx)
{
	signed char *p = (void *)(long)ctx->data;
	signed char *end = (void *)(long)ctx->data_end;
	if (p + 8 > end)
		return XDP_PASS;
	long a = p[0];            /* ldsx */
	long b = *(short *)(p + 2);
	if (b == 0)
		return XDP_PASS;
	long c = a / b;           /* sdiv */
	long d = a % b;           /* smod */
	__u32 e = __builtin_bswap32(*(__u32 *)(p + 4));
	return (c + d + e) & 1 ? XDP_DROP : XDP_PASS;
}

SEC("xdp")
int globals_rw(struct xdp_md *ctx)
{
	__sync_fetch_and_add(&pkts, 1);
	last_len = ctx->data_end - ctx->data;
	__u32 i = last_len & 7;
	return table[i] > 4 ? XDP_DROP : XDP_PASS;
}

SEC("xdp")
int globals_oob(struct xdp_md *ctx)
{
	__u32 i = (ctx->data_end - ctx->data) & 15;
	return table[i] > 4 ? XDP_DROP : XDP_PASS;
}

SEC("xdp")
int tail(struct xdp_md *ctx)
{
	bpf_tail_call(ctx, &jt, ctx->rx_queue_index & 3);
	return XDP_PASS;
}

SEC("tc")
int queue_push(struct __sk_buff *skb)
{
	__u64 v = skb->len | ((__u64)skb->mark << 32);
	bpf_map_push_elem(&q, &v, 0);
	__u64 out;
	if (bpf_map_pop_elem(&q, &out) == 0)
		skb->mark = out;
	skb->cb[0] = 1;
	skb->tc_classid = 5;
	return TC_ACT_OK;
}

SEC("tc")
int skb_bad_write(struct __sk_buff *skb)
{
	skb->len = 10;
	return TC_ACT_OK;
}

SEC("xdp")
int redirect_dev(struct xdp_md *ctx)
{
	__u32 k = ctx->ingress_ifindex;
	__u64 *v = bpf_map_lookup_elem(&lru, &k);
	if (v)
		__sync_fetch_and_add(v, 1);
	else {
		__u64 one = 1;
		bpf_map_update_elem(&lru, &k, &one, BPF_ANY);
	}
	if (bpf_xdp_adjust_tail(ctx, -4))
		return XDP_ABORTED;
	return bpf_redirect_map(&dm, k & 7, XDP_PASS);
}

SEC("xdp")
int atomics(struct xdp_md *ctx)
{
	__u32 k = 0;
	__u64 *v = bpf_map_lookup_elem(&lru, &k);
	if (!v)
		return XDP_PASS;
	__u64 old = __sync_lock_test_and_set(v, 5);
	__u64 o2 = __sync_val_compare_and_swap(v, 5, old);
	__sync_fetch_and_or(v, 2);
	__u64 o3 = __sync_fetch_and_xor(v, 1);
	return (old + o2 + o3) & 1 ? XDP_DROP : XDP_PASS;
}

SEC("tc")
int pull_data(struct __sk_buff *skb)
{
	if (bpf_skb_pull_data(skb, 34))
		return TC_ACT_OK;
	void *data = (void *)(long)skb->data;
	void *end = (void *)(long)skb->data_end;
	if (data + 34 > end)
		return TC_ACT_OK;
	__u8 *ttl = data + 22;
	if (*ttl <= 1)
		return TC_ACT_SHOT;
	return TC_ACT_OK;
}
char LICENSE[] SEC("license") = "GPL";
