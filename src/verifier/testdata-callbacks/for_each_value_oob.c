#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
/* reading past the end of the map value inside the callback */
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 8); __type(key, __u32); __type(value, __u64); } vals SEC(".maps");
static long cb(void *map, __u32 *key, __u64 *val, __u64 *sum) { *sum += val[1]; return 0; }
SEC("xdp") int prog(struct xdp_md *x) { __u64 sum = 0; bpf_for_each_map_elem(&vals, cb, &sum, 0); return sum > 10 ? XDP_DROP : XDP_PASS; }
char LICENSE[] SEC("license") = "GPL";
