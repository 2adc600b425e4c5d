#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
SEC("xdp") int f(struct xdp_md *c) { int x = c->data; return x / 0; }
char _l[] SEC("license") = "GPL";
