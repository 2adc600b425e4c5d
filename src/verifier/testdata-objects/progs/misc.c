// spills, 32-bit tricks, bad helper args, wrong return codes, too-large stack, unchecked lookups
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 128); __type(key, __u32); __type(value, __u64); } counts SEC(".maps");

SEC("xdp")
int spill_ptrs(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	volatile __u64 pdata = (__u64)data, pend = (__u64)data_end;
	__u32 k = 1;
	__u64 *v = bpf_map_lookup_elem(&counts, &k);
	void *volatile vs = v;
	if (!vs)
		return XDP_PASS;
	if ((void *)pdata + 8 > (void *)pend)
		return XDP_PASS;
	*(__u64 *)vs += *(__u8 *)(long)pdata;
	return XDP_PASS;
}

SEC("socket")
int sock_u32_tricks(struct __sk_buff *skb)
{
	__u32 len = skb->len;
	__u32 a = len << 3;
	__u32 b = a >> 5;
	__s32 c = (__s32)len - 100;
	__u32 k = (b ^ (b >> 2)) & 0x7f;
	__u64 *v = bpf_map_lookup_elem(&counts, &k);
	if (v)
		__sync_fetch_and_add(v, 1);
	if (c < 0)
		return 0;
	return (int)(b & 0xffff);
}

SEC("xdp")
int unchecked_lookup(struct xdp_md *ctx)
{
	__u32 k = 0;
	__u64 *v = bpf_map_lookup_elem(&counts, &k);
	*v += 1;
	return XDP_PASS;
}

SEC("xdp")
int uninit_key(struct xdp_md *ctx)
{
	__u32 k;
	__u64 *v = bpf_map_lookup_elem(&counts, &k);
	return v ? XDP_DROP : XDP_PASS;
}

SEC("xdp")
int bad_helper_size(struct xdp_md *ctx)
{
	char buf[16];
	__u32 n = ctx->rx_queue_index;
	bpf_probe_read_kernel(buf, n, (void *)0);
	return XDP_PASS;
}

SEC("xdp")
int bad_helper_map(struct xdp_md *ctx)
{
	__u32 k = 0;
	__u64 val = 1;
	bpf_map_update_elem(&counts, &k, &val, BPF_ANY);
	bpf_map_update_elem((void *)&k, &k, &val, BPF_ANY);
	return XDP_PASS;
}

SEC("cgroup_skb/ingress")
int cg_bad_ret(struct __sk_buff *skb)
{
	return skb->len > 100 ? 2 : 1;
}

SEC("cgroup_skb/egress")
int cg_ok(struct __sk_buff *skb)
{
	__u32 k = skb->protocol;
	__u64 *v = bpf_map_lookup_elem(&counts, &k);
	if (v)
		(*v)++;
	return 1;
}

SEC("xdp")
int stack_too_big(struct xdp_md *ctx)
{
	volatile char buf[600];
	buf[0] = 1;
	buf[599] = 2;
	return buf[ctx->rx_queue_index & 511];
}

SEC("xdp")
int ptr_arith_bad(struct xdp_md *ctx)
{
	__u32 k = 0;
	__u64 *v = bpf_map_lookup_elem(&counts, &k);
	if (!v)
		return XDP_PASS;
	return (long)v & 0xff; /* leaking a pointer as the return value */
}

unsigned long long load_byte(void *skb, unsigned long long off) asm("llvm.bpf.load.byte");
unsigned long long load_half(void *skb, unsigned long long off) asm("llvm.bpf.load.half");
SEC("socket")
int sock_ld_abs(struct __sk_buff *skb)
{
	__u64 proto = load_byte(skb, 23);
	__u64 port = load_half(skb, 36);
	return proto == 17 && port == 53 ? -1 : 0;
}
char LICENSE[] SEC("license") = "GPL";
