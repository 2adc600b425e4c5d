// The __atomic_* builtins on .data/.bss globals: fetch_op, op_fetch, exchange, compare_exchange
// (success and failure, the old value written back to *expected).
// @type: xdp
// @packet: udp 53
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

__u64 a64 = 10;
__u64 b64 = 100;
__s64 c64 = -5;
__u64 exp_ok, exp_fail;

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 12);
} out SEC(".maps");

static __always_inline void put(__u32 k, __u64 v)
{
	__u64 *p = bpf_map_lookup_elem(&out, &k);
	if (p) *p = v;
}

SEC("xdp")
int xdp_atomics(struct xdp_md *ctx)
{
	__u64 n = ctx->data_end - ctx->data;
	put(0, __atomic_fetch_add(&a64, 5, __ATOMIC_RELAXED));
	put(1, __atomic_add_fetch(&a64, n, __ATOMIC_SEQ_CST));
	put(2, __atomic_fetch_sub(&b64, 7, __ATOMIC_ACQ_REL));
	put(3, __atomic_sub_fetch(&b64, 1, __ATOMIC_SEQ_CST));
	put(4, __atomic_fetch_or(&b64, 0x100, __ATOMIC_RELAXED));
	put(5, __atomic_and_fetch(&b64, 0xff0, __ATOMIC_RELAXED));
	put(6, __atomic_exchange_n(&c64, 42, __ATOMIC_SEQ_CST));
	__s64 e = 42;
	put(7, __atomic_compare_exchange_n(&c64, &e, 7, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST) * 1000 + e);
	e = 1;
	put(8, __atomic_compare_exchange_n(&c64, &e, 9, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST) * 1000 + e);
	put(9, a64);
	exp_ok = 77;
	__atomic_fetch_xor(&exp_fail, 3, __ATOMIC_RELAXED);
	put(10, exp_ok + exp_fail);
	put(11, c64);
	return XDP_PASS;
}
char _license[] SEC("license") = "GPL";
