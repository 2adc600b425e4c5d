#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
SEC("xdp") int f(struct xdp_md *c) { __auto_type x; return XDP_PASS; }
char _l[] SEC("license") = "GPL";
