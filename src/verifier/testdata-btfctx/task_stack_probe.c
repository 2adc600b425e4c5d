// kprobe: a load through trusted_ptr_task_struct (task->stack) and one through the
// rdonly_untrusted_mem(sz=0) it gives (stack[0]). Recorded by record.sh: verifier log (level 2) and
// which loads the x86-64 JIT compiled as BPF_PROBE_MEM (kernel-address check + exception fixup).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
SEC("kprobe/do_nanosleep")
int p(void *ctx) {
  struct task_struct *t = bpf_get_current_task_btf();
  unsigned char *s = (unsigned char *)t->stack;
  return s[0];
}
char LICENSE[] SEC("license") = "GPL";
