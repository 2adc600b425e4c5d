// @title: opensnoop: which files get opened, by whom
// @description: The classic opensnoop. A tracepoint on syscalls/sys_enter_openat reads the path
//  argument from user memory (bpf_probe_read_user_str) and emits pid, comm, flags and path.
// @prog: tracepoint
// @scenario: webserver,shell
// @seed: 2
// @duration: 5s
// @topics: tracing, tracepoints, ringbuf, probe_read
// @outcome: one record per openat() attempt, and per path exactly as many as the world's own count of opens of that path
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

struct openat_enter {
  unsigned long long common;
  int syscall_nr;
  long dfd;
  const char *filename;
  long flags;
  long mode;
};

struct event {
  u32 pid;
  u32 flags;
  char comm[16];
  char path[128];
};

struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 256 * 1024);
} events SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_openat")
int opensnoop(struct openat_enter *ctx)
{
  struct event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
  if (!e)
    return 0;
  e->pid = bpf_get_current_pid_tgid() >> 32;
  e->flags = (u32)ctx->flags;
  bpf_get_current_comm(e->comm, sizeof(e->comm));
  bpf_probe_read_user_str(e->path, sizeof(e->path), ctx->filename);
  bpf_ringbuf_submit(e, 0);
  return 0;
}

char LICENSE[] SEC("license") = "GPL";
