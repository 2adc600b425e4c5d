#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

SEC("kprobe/do_sys_open")
int typo(void *ctx)
{
  return 0;
}

char LICENSE[] SEC("license") = "GPL";
