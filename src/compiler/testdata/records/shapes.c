// Record shapes for recordTypes.test.ts: typedef'd anonymous struct, nested struct and array,
// union, bit-fields, an IPv6 address, a pointer, a record sent through a pointer parameter of an
// inline function, a map fed two types, and a void * buffer. Compiled by clang-19 -g for the
// BTF layouts in shapes.btf.json (record.py).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

typedef struct {
  u8 proto;
  u16 sport;
  u32 saddr;
  u32 daddr;
  u64 ts;
} flow_t;

struct inner {
  u16 a;
  u32 b;
};

struct shape {
  char comm[16];
  struct inner in;
  u8 daddr_v6[16];
  u32 counts[3];
  union {
    u32 as_u32;
    u8 bytes[4];
  } u;
  u32 lo : 3, mid : 9, hi : 20;
  s8 delta;
  s64 big;
  void *ptr;
};

struct a { u32 x; };
struct b { u64 y; };

struct { __uint(type, BPF_MAP_TYPE_RINGBUF); __uint(max_entries, 4096); } flows SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY); __uint(key_size, 4); __uint(value_size, 4); } shapes SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_RINGBUF); __uint(max_entries, 4096); } mixed SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_RINGBUF); __uint(max_entries, 4096); } raw SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_RINGBUF); __uint(max_entries, 4096); } words SEC(".maps");

static __always_inline void send_shape(void *ctx, struct shape *s)
{
  bpf_perf_event_output(ctx, &shapes, BPF_F_CURRENT_CPU, s, sizeof(*s));
}

SEC("tracepoint/syscalls/sys_enter_execve")
int shapes_prog(void *ctx)
{
  flow_t *f = bpf_ringbuf_reserve(&flows, sizeof(flow_t), 0);
  if (f) {
    f->proto = 6;
    f->saddr = 0x0100007f;
    bpf_ringbuf_submit(f, 0);
  }
  struct shape s = {};
  s.lo = 1;
  send_shape(ctx, &s);
  struct a x = { 1 };
  struct b y = { 2 };
  bpf_ringbuf_output(&mixed, &x, sizeof(x), 0);
  bpf_ringbuf_output(&mixed, &y, sizeof(y), 0);
  void *p = bpf_ringbuf_reserve(&raw, 16, 0);
  if (p)
    bpf_ringbuf_discard(p, 0);
  u32 w[4] = { 1, 2, 3, 4 };
  bpf_ringbuf_output(&words, w, sizeof(w), 0);
  return 0;
}

char LICENSE[] SEC("license") = "GPL";
