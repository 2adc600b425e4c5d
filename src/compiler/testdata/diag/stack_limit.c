#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
SEC("xdp") int f(struct xdp_md *c) { char buf[600]; buf[0] = 1; return buf[c->data & 1]; }
char _l[] SEC("license") = "GPL";
