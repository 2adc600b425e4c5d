#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
/* a callback must return a scalar in [0, 1] */
struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 8); __type(key, __u32); __type(value, __u64); } h SEC(".maps");
static long cb(void *map, __u32 *key, __u64 *val, void *ctx) { return (long)val; }
SEC("xdp") int prog(struct xdp_md *x) { bpf_for_each_map_elem(&h, cb, 0, 0); return XDP_PASS; }
char LICENSE[] SEC("license") = "GPL";
