// @title: A CPU profiler: sampled stacks, counted
// @description: Like bcc's profile: a perf_event program runs on every CPU-clock sample (99 Hz
//  per CPU), stores the kernel and user stacks in a STACK_TRACE map (bpf_get_stackid) and counts
//  samples per (pid, comm, kernel stack, user stack). User space symbolizes the ids' frames.
// @prog: perf_event
// @scenario: cron,webserver
// @seed: 8
// @duration: 5s
// @topics: tracing, profiling, perf_event, stacks, maps
// @outcome: the counts add up to the world's number of samples, and each stack id's frames are the ones the samples carried
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

struct sample_key {
  u32 pid;
  s32 kstack;
  s32 ustack;
  char comm[16];
};

struct {
  __uint(type, BPF_MAP_TYPE_STACK_TRACE);
  __uint(max_entries, 4096);
  __uint(key_size, sizeof(u32));
  __uint(value_size, 127 * sizeof(u64));
} stacks SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 10240);
  __type(key, struct sample_key);
  __type(value, u64);
} counts SEC(".maps");

SEC("perf_event")
int profile(struct bpf_perf_event_data *ctx)
{
  struct sample_key k = {};
  u64 one = 1;
  k.pid = bpf_get_current_pid_tgid() >> 32;
  k.kstack = bpf_get_stackid(ctx, &stacks, 0);
  k.ustack = bpf_get_stackid(ctx, &stacks, BPF_F_USER_STACK);
  bpf_get_current_comm(k.comm, sizeof(k.comm));
  u64 *v = bpf_map_lookup_elem(&counts, &k);
  if (v)
    __sync_fetch_and_add(v, 1);
  else
    bpf_map_update_elem(&counts, &k, &one, BPF_NOEXIST);
  return 0;
}

char LICENSE[] SEC("license") = "GPL";
