// @title: bashreadline: every command typed into bash
// @description: Like bcc's bashreadline: a uretprobe on bash's readline() runs when the function
//  returns; its return value (PT_REGS_RC, register ax) points at the typed line in bash's heap,
//  which bpf_probe_read_user_str copies out.
// @prog: uprobe
// @scenario: shell
// @seed: 9
// @duration: 5s
// @topics: tracing, uprobes, probe_read, ringbuf
// @outcome: one record per line typed at the shell prompt, with exactly the text readline returned
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

struct line {
  u32 pid;
  char text[64];
};

struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 64 * 1024);
} lines SEC(".maps");

SEC("uretprobe//bin/bash:readline")
int BPF_KRETPROBE(printret, const void *ret)
{
  struct line *l;
  if (!ret)
    return 0;
  l = bpf_ringbuf_reserve(&lines, sizeof(*l), 0);
  if (!l)
    return 0;
  l->pid = bpf_get_current_pid_tgid() >> 32;
  bpf_probe_read_user_str(l->text, sizeof(l->text), ret);
  bpf_ringbuf_submit(l, 0);
  return 0;
}

char LICENSE[] SEC("license") = "GPL";
