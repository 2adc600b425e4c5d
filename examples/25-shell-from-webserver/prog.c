// @title: Falco-style rule: a shell spawned by the web server
// @description: Falco's "shell spawned by a web server" rule as an eBPF program: on every
//  sched_process_exec, read the new program's path from the tracepoint record (a __data_loc
//  string) and the parent's comm through the task_struct (bpf_get_current_task, then
//  BPF_CORE_READ(task, real_parent, comm)); a shell whose parent is nginx raises an alert.
// @prog: tracepoint
// @scenario: malicious,webserver,shell,cron
// @seed: 6
// @duration: 5s
// @topics: tracing, security, CO-RE, ringbuf
// @outcome: one alert per exec of /bin/sh or /bin/bash whose parent process is nginx, and none for bash's or cron's children
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

struct alert {
  u32 pid;
  u32 ppid;
  char parent[16];
  char path[32];
};

struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 64 * 1024);
} alerts SEC(".maps");

static __always_inline int is_shell(const char *p)
{
  /* "/bin/sh" or "/bin/bash" */
  if (p[0] != '/' || p[1] != 'b' || p[2] != 'i' || p[3] != 'n' || p[4] != '/')
    return 0;
  if (p[5] == 's' && p[6] == 'h' && p[7] == 0)
    return 1;
  return p[5] == 'b' && p[6] == 'a' && p[7] == 's' && p[8] == 'h' && p[9] == 0;
}

SEC("tp/sched/sched_process_exec")
int shell_from_webserver(struct trace_event_raw_sched_process_exec *ctx)
{
  struct alert a = {};
  unsigned int off = ctx->__data_loc_filename & 0xffff;
  bpf_probe_read_kernel_str(a.path, sizeof(a.path), (void *)ctx + off);
  if (!is_shell(a.path))
    return 0;
  struct task_struct *task = (struct task_struct *)bpf_get_current_task();
  BPF_CORE_READ_STR_INTO(&a.parent, task, real_parent, comm);
  /* "nginx" */
  if (a.parent[0] != 'n' || a.parent[1] != 'g' || a.parent[2] != 'i' || a.parent[3] != 'n' || a.parent[4] != 'x' || a.parent[5] != 0)
    return 0;
  a.pid = bpf_get_current_pid_tgid() >> 32;
  a.ppid = BPF_CORE_READ(task, real_parent, tgid);
  bpf_printk("ALERT shell %s spawned by %s (ppid %d)", a.path, a.parent, a.ppid);
  bpf_ringbuf_output(&alerts, &a, sizeof(a), 0);
  return 0;
}

char LICENSE[] SEC("license") = "GPL";
