// @title: Kill a process that connects to a forbidden port
// @description: Enforcement without an LSM: a tracepoint on syscalls/sys_enter_connect reads the
//  destination from the caller's sockaddr_in (bpf_probe_read_user) and, for port 4444, sends the
//  caller SIGKILL with bpf_send_signal. The signal is delivered when connect() returns to user
//  space, so the attacker's `nc` dies before it can write a byte.
// @prog: tracepoint
// @scenario: malicious,webserver
// @seed: 10
// @duration: 5s
// @topics: security, tracepoints, signals, probe_read
// @outcome: each process that connects to port 4444 is killed by SIGKILL on its way out of connect(), and writes nothing after
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

#define SIGKILL 9

struct connect_enter {
  unsigned long long common;
  int syscall_nr;
  long fd;
  const void *uservaddr;
  long addrlen;
};

struct sin {
  u16 family;
  u16 port_be;
  u32 addr;
};

SEC("tracepoint/syscalls/sys_enter_connect")
int kill_exfiltration(struct connect_enter *ctx)
{
  struct sin a = {};
  if (bpf_probe_read_user(&a, sizeof(a), ctx->uservaddr) < 0)
    return 0;
  /* port 4444 in network byte order, read on little-endian x86-64 */
  if (a.family == 2 && a.port_be == ((4444 & 0xff) << 8 | 4444 >> 8)) {
    bpf_printk("killing pid %d: connect to port 4444", bpf_get_current_pid_tgid() >> 32);
    bpf_send_signal(SIGKILL);
  }
  return 0;
}

char LICENSE[] SEC("license") = "GPL";
