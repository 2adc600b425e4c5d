#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
/* a counter the callback increments by a constant: the verifier widens it instead of unrolling 100 calls */
static long cb(__u64 i, __u64 *n) { *n += 1; return 0; }
SEC("xdp") int prog(struct xdp_md *x) { __u64 n = 0; bpf_loop(100, cb, &n, 0); return n > 3 ? XDP_DROP : XDP_PASS; }
char LICENSE[] SEC("license") = "GPL";
