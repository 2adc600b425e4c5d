// @title: read() calls per command, like bpftrace's @[comm] = count()
// @description: bpftrace's `tracepoint:syscalls:sys_enter_read { @[comm] = count(); }` written
//  out in C: a hash map keyed by the 16-byte comm, its counter bumped atomically.
// @prog: tracepoint
// @scenario: shell,cron
// @seed: 3
// @duration: 5s
// @topics: tracing, tracepoints, maps, hash
// @outcome: the map holds exactly the world's own count of read() calls per comm
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

struct comm_key {
  char comm[16];
};

struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 1024);
  __type(key, struct comm_key);
  __type(value, u64);
} reads SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_read")
int count_reads(void *ctx)
{
  struct comm_key k = {};
  u64 one = 1;
  bpf_get_current_comm(k.comm, sizeof(k.comm));
  u64 *v = bpf_map_lookup_elem(&reads, &k);
  if (v)
    __sync_fetch_and_add(v, 1);
  else
    bpf_map_update_elem(&reads, &k, &one, BPF_NOEXIST);
  return 0;
}

char LICENSE[] SEC("license") = "GPL";
