// @title: An LSM policy that blocks opening /etc/shadow
// @description: A BPF LSM program on the file_open hook: it reads the opened file's name
//  (BPF_CORE_READ(file, f_path.dentry, d_name.name)) and its parent directory's, and returns
//  -EPERM for /etc/shadow. The kernel then fails the open with EPERM: here the attacker's
//  `sudo cat /etc/shadow` prints "Operation not permitted" and exits 1.
// @prog: lsm
// @scenario: malicious
// @seed: 7
// @duration: 5s
// @topics: security, lsm, CO-RE
// @outcome: every open of /etc/shadow that passes the permission bits is denied, and no open of it succeeds
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

#define EPERM 1

SEC("lsm/file_open")
int BPF_PROG(deny_shadow, struct file *file)
{
  char name[8] = {};
  char dir[8] = {};
  struct dentry *d = BPF_CORE_READ(file, f_path.dentry);
  bpf_probe_read_kernel_str(name, sizeof(name), BPF_CORE_READ(d, d_name.name));
  bpf_probe_read_kernel_str(dir, sizeof(dir), BPF_CORE_READ(d, d_parent, d_name.name));
  if (name[0] == 's' && name[1] == 'h' && name[2] == 'a' && name[3] == 'd' && name[4] == 'o' && name[5] == 'w' && name[6] == 0 &&
      dir[0] == 'e' && dir[1] == 't' && dir[2] == 'c' && dir[3] == 0) {
    bpf_printk("lsm: denied open of /etc/shadow");
    return -EPERM;
  }
  return 0;
}

char LICENSE[] SEC("license") = "GPL";
