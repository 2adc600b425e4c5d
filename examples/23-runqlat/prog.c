// @title: runqlat: how long tasks wait for a CPU
// @description: The classic runqlat. sched_wakeup and sched_wakeup_new remember when each task
//  became runnable; sched_switch, when the task gets the CPU, puts the wait (in microseconds)
//  into a log2 histogram: slot k counts waits of 2^k to 2^(k+1)-1 us.
// @prog: tracepoint
// @scenario: webserver,shell,cron
// @seed: 4
// @duration: 5s
// @topics: tracing, scheduler, histogram, maps
// @outcome: the histogram total equals the number of sched_switch events with a recorded wakeup, slot by slot
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

#define MAX_SLOTS 32

/* sched/sched_wakeup and sched_wakeup_new records */
struct wakeup_args {
  unsigned long long common;
  char comm[16];
  u32 pid;      /* pid_t in the format; read unsigned (no sign-extending ctx loads) */
  u32 prio;
  u32 target_cpu;
};

/* sched/sched_switch record */
struct switch_args {
  unsigned long long common;
  char prev_comm[16];
  u32 prev_pid;
  u32 prev_prio;
  u64 prev_state;
  char next_comm[16];
  u32 next_pid;
  u32 next_prio;
};

struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 10240);
  __type(key, u32);
  __type(value, u64);
} start SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, MAX_SLOTS);
  __type(key, u32);
  __type(value, u64);
} hist SEC(".maps");

static __always_inline u32 log2_32(u32 v)
{
  u32 shift, r;
  r = (v > 0xFFFF) << 4; v >>= r;
  shift = (v > 0xFF) << 3; v >>= shift; r |= shift;
  shift = (v > 0xF) << 2; v >>= shift; r |= shift;
  shift = (v > 0x3) << 1; v >>= shift; r |= shift;
  r |= (v >> 1);
  return r;
}

static __always_inline u32 log2_64(u64 v)
{
  u32 hi = v >> 32;
  return hi ? log2_32(hi) + 32 : log2_32(v);
}

static __always_inline int enqueue(u32 pid)
{
  u32 p = pid;
  u64 ts = bpf_ktime_get_ns();
  bpf_map_update_elem(&start, &p, &ts, BPF_ANY);
  return 0;
}

SEC("tp/sched/sched_wakeup")
int handle_wakeup(struct wakeup_args *ctx)
{
  return enqueue(ctx->pid);
}

SEC("tp/sched/sched_wakeup_new")
int handle_wakeup_new(struct wakeup_args *ctx)
{
  return enqueue(ctx->pid);
}

SEC("tp/sched/sched_switch")
int handle_switch(struct switch_args *ctx)
{
  u32 pid = ctx->next_pid;
  u64 *tsp = bpf_map_lookup_elem(&start, &pid);
  if (!tsp)
    return 0;
  u64 delta_us = (bpf_ktime_get_ns() - *tsp) / 1000;
  u32 slot = log2_64(delta_us);
  if (slot >= MAX_SLOTS)
    slot = MAX_SLOTS - 1;
  u64 *count = bpf_map_lookup_elem(&hist, &slot);
  if (count)
    __sync_fetch_and_add(count, 1);
  bpf_map_delete_elem(&start, &pid);
  return 0;
}

char LICENSE[] SEC("license") = "GPL";
