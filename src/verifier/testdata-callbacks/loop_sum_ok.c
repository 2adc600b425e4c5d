#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
static long cb(__u64 i, void *ctx) { __u64 *sum = ctx; *sum += i; return 0; }
SEC("xdp") int prog(struct xdp_md *x) { __u64 sum = 0; bpf_loop(10, cb, &sum, 0); return sum & 1 ? XDP_PASS : XDP_DROP; }
char LICENSE[] SEC("license") = "GPL";
