/* Helper error paths on the real kernel: attached to sys_enter_openat, the first `cat /etc/hostname` fills res[]. Recorded
 * results: helper-errors-6.18.txt (clang-19, libbpf loader, Linux 6.18). Compiled by our compiler in helpers.test.ts. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 20); __type(key, u32); __type(value, s64); } res SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_STACK_TRACE); __uint(max_entries, 16); __uint(key_size, 4); __uint(value_size, 8 * 8); } st SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY); __uint(max_entries, 2); __uint(key_size, 4); __uint(value_size, 4); } pa SEC(".maps");
struct openat_enter { unsigned long long common; int nr; long dfd; const char *filename; long flags; long mode; };
static __always_inline void put(u32 k, s64 v) { bpf_map_update_elem(&res, &k, &v, BPF_ANY); }
SEC("tracepoint/syscalls/sys_enter_openat")
int probe_errors(struct openat_enter *ctx)
{
  char comm[16]; char buf[64];
  u32 k = 19; s64 *done = bpf_map_lookup_elem(&res, &k);
  if (!done || *done) return 0;
  bpf_get_current_comm(comm, sizeof(comm));
  if (comm[0] != 'c' || comm[1] != 'a' || comm[2] != 't' || comm[3] != 0) return 0;
  char want[] = "/etc/hostname";
  long n = bpf_probe_read_user_str(buf, sizeof(buf), ctx->filename);
  if (n != 14) return 0;
  for (int i = 0; i < 13; i++) if (buf[i] != want[i]) return 0;
  put(0, bpf_probe_read_user_str(buf, 4, ctx->filename));
  put(1, bpf_probe_read_user_str(buf, 64, ctx->filename));
  __builtin_memset(buf, 0xff, 16);
  put(2, bpf_probe_read_kernel(buf, 8, ctx->filename));
  put(15, *(s64 *)buf);
  put(3, bpf_probe_read_user(buf, 8, 0));
  put(4, bpf_probe_read_kernel(buf, 8, 0));
  put(5, bpf_probe_read_kernel_str(buf, 8, 0));
  put(6, bpf_probe_read_user_str(buf, 8, 0));
  put(7, bpf_probe_read_user(buf, 8, (void *)bpf_get_current_task()));
  put(8, bpf_probe_read_kernel(buf, 8, (void *)bpf_get_current_task()));
  put(9, bpf_probe_read_user_str(buf, 0, ctx->filename));
  put(10, bpf_send_signal(65));
  put(11, bpf_get_stack(ctx, buf, 12, 0));
  put(12, bpf_get_stackid(ctx, &st, 1 << 12));
  put(13, bpf_perf_event_output(ctx, &pa, 7, buf, 8));
  put(14, bpf_get_stack(ctx, buf, 16, 200));
  __builtin_memset(buf, 0xff, 16);
  put(16, bpf_probe_read_kernel_str(buf, 16, ctx->filename));
  put(17, *(s64 *)buf);
  put(18, bpf_perf_event_output(ctx, &pa, 1ULL << 32, buf, 8));
  put(19, 1);
  return 0;
}
char LICENSE[] SEC("license") = "GPL";
