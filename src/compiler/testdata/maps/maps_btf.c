/* Three BTF map definitions in different styles (clang-19 lists only the members each declares, in order;
   key/value by their C types). maps_btf.clang.o is clang-19 -O2 -g -target bpf of this file, debug info
   stripped (record.ts); mapBtf.test.ts compares our .maps BTF with it. */
#include <linux/bpf.h>
#include <linux/types.h>
#include <bpf/bpf_helpers.h>
struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 1024); __type(key, __u32); __type(value, __u64); __uint(map_flags, BPF_F_NO_PREALLOC); } h SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_RINGBUF); __uint(max_entries, 4096); } rb SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY); __uint(key_size, 4); __uint(value_size, 16); __uint(max_entries, 2); } pa SEC(".maps");
struct val { int a; long b; };
struct { __uint(type, BPF_MAP_TYPE_LRU_HASH); __type(key, struct val); __type(value, struct val); __uint(max_entries, 8); } lh SEC(".maps");
SEC("xdp") int p(struct xdp_md *ctx) { __u32 k = 0; __u64 *v = bpf_map_lookup_elem(&h, &k); void *q = bpf_map_lookup_elem(&pa, &k); struct val kk = {}; void *r = bpf_map_lookup_elem(&lh, &kk); return (v ? 1 : 0) + (q ? 2 : 0) + (r?4:0) + (bpf_ringbuf_query(&rb, 0) > 0); }
char LICENSE[] SEC("license") = "GPL";
