#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
/* callback_ctx is NULL: the callback dereferences its second argument anyway */
static long cb(__u64 i, void *ctx) { return *(__u64 *)ctx & 1; }
SEC("xdp") int prog(struct xdp_md *x) { bpf_loop(4, cb, 0, 0); return XDP_PASS; }
char LICENSE[] SEC("license") = "GPL";
