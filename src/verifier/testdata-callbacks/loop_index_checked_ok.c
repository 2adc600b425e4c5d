#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
/* the same with a bounds check on the index */
struct ctx { __u64 a[4]; };
static long cb(__u64 i, struct ctx *c) { if (i < 4) c->a[i] = 1; return 0; }
SEC("xdp") int prog(struct xdp_md *x) { struct ctx c = {}; bpf_loop(4, cb, &c, 0); return c.a[0] ? XDP_PASS : XDP_DROP; }
char LICENSE[] SEC("license") = "GPL";
