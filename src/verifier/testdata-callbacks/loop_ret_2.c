#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
/* bpf_loop callbacks must return 0 (continue) or 1 (stop) */
static long cb(__u64 i, void *ctx) { return 2; }
SEC("xdp") int prog(struct xdp_md *x) { bpf_loop(4, cb, 0, 0); return XDP_PASS; }
char LICENSE[] SEC("license") = "GPL";
