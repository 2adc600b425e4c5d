// @type: kprobe
/* CO-RE bit-fields: BPF_CORE_READ_BITFIELD_PROBED reads a bit-field of a kernel struct through
   bpf_probe_read_kernel with five relocations (byte offset, byte size, left shift, right shift,
   signedness) that libbpf computes from the running kernel's BTF; bpf_core_field_* work on
   bit-fields too. sk_buff.pkt_type (3 bits), sk_buff.ip_summed (2 bits), task_struct.in_execve. */
#include <vmlinux.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 8);
  __type(key, __u32);
  __type(value, __u64);
} seen SEC(".maps");

static __always_inline void record(__u32 k, __u64 v) {
  bpf_map_update_elem(&seen, &k, &v, BPF_ANY);
}

SEC("kprobe/tcp_v4_rcv")
int BPF_KPROBE(kprobe_core_bitfield, struct sk_buff *skb) {
  struct task_struct *task = (struct task_struct *)bpf_get_current_task();
  record(0, BPF_CORE_READ_BITFIELD_PROBED(skb, pkt_type));
  record(1, BPF_CORE_READ_BITFIELD_PROBED(skb, ip_summed));
  record(2, BPF_CORE_READ_BITFIELD_PROBED(task, in_execve));
  record(3, bpf_core_field_exists(skb->pkt_type));
  record(4, bpf_core_field_size(skb->ip_summed));
  record(5, bpf_core_field_offset(struct sk_buff, pkt_type));
  return 0;
}

char LICENSE[] SEC("license") = "GPL";
