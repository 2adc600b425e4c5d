#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

_Static_assert(sizeof(struct xdp_md) == 20, "xdp_md layout");
