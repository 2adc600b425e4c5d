// @title: tcplife: how long each TCP connection lived
// @description: Like tcplife: a kprobe on tcp_set_state notes when a socket is first seen and,
//  when it reaches TCP_CLOSE, sends its lifetime through a perf buffer (bpf_perf_event_output to
//  the current CPU's buffer) and forgets it.
// @prog: kprobe
// @scenario: webserver
// @seed: 5
// @duration: 5s
// @topics: tracing, kprobes, perf buffer, maps
// @outcome: one perf record per connection that closed, with its exact lifetime from first state change to TCP_CLOSE
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#define TCP_CLOSE 7

struct event {
  u64 skaddr;
  u64 duration_ns;
  u32 pid;
  u32 oldstate;
  char comm[16];
};

struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 10240);
  __type(key, u64);
  __type(value, u64);
} birth SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
  __uint(key_size, sizeof(u32));
  __uint(value_size, sizeof(u32));
} events SEC(".maps");

SEC("kprobe/tcp_set_state")
int BPF_KPROBE(tcp_set_state, void *sk, int state)
{
  u64 key = (u64)sk;
  u64 now = bpf_ktime_get_ns();
  u64 *born = bpf_map_lookup_elem(&birth, &key);
  if (!born) {
    if (state != TCP_CLOSE)
      bpf_map_update_elem(&birth, &key, &now, BPF_ANY);
    return 0;
  }
  if (state != TCP_CLOSE)
    return 0;
  struct event e = {};
  e.skaddr = key;
  e.duration_ns = now - *born;
  e.pid = bpf_get_current_pid_tgid() >> 32;
  bpf_get_current_comm(e.comm, sizeof(e.comm));
  bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, &e, sizeof(e));
  bpf_map_delete_elem(&birth, &key);
  return 0;
}

char LICENSE[] SEC("license") = "GPL";
