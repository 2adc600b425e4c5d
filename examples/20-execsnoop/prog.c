// @title: execsnoop: every exec, from the execve tracepoint
// @description: The classic execsnoop. A tracepoint on syscalls/sys_enter_execve copies the
//  program path out of the caller's memory with bpf_probe_read_user_str and sends pid, ppid-less
//  comm and path to user space through a ring buffer.
// @prog: tracepoint
// @scenario: shell
// @seed: 1
// @duration: 5s
// @topics: tracing, tracepoints, ringbuf, probe_read
// @outcome: one ring-buffer record per execve() the world made, with the caller's comm and the path it passed
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

/* the record of syscalls/sys_enter_execve, as its tracefs format lays it out */
struct execve_enter {
  unsigned long long common; /* common_type, common_flags, common_preempt_count, common_pid */
  int syscall_nr;
  const char *filename;
  const char *const *argv;
  const char *const *envp;
};

struct event {
  u32 pid;
  u32 uid;
  char comm[16];
  char filename[128];
};

struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 256 * 1024);
} events SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_execve")
int execsnoop(struct execve_enter *ctx)
{
  struct event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
  if (!e)
    return 0;
  e->pid = bpf_get_current_pid_tgid() >> 32;
  e->uid = (u32)bpf_get_current_uid_gid();
  bpf_get_current_comm(e->comm, sizeof(e->comm));
  bpf_probe_read_user_str(e->filename, sizeof(e->filename), ctx->filename);
  bpf_ringbuf_submit(e, 0);
  return 0;
}

char LICENSE[] SEC("license") = "GPL";
