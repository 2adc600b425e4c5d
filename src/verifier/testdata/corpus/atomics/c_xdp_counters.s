# @type: xdp
# @map: stats:array:4:32:4
# @desc: clang XDP: several __sync atomics on one map value (add, or, xchg via __atomic_exchange_n)
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   struct st { __u64 pkts, bytes, flags, last; };
#   struct { __uint(type, BPF_MAP_TYPE_ARRAY); __type(key, __u32); __type(value, struct st); __uint(max_entries, 4); } stats SEC(".maps");
#   SEC("xdp") int prog(struct xdp_md *ctx) {
#     __u32 k = ctx->rx_queue_index & 3;
#     struct st *s = bpf_map_lookup_elem(&stats, &k);
#     if (!s) return XDP_PASS;
#     __sync_fetch_and_add(&s->pkts, 1);
#     __sync_fetch_and_add(&s->bytes, ctx->data_end - ctx->data);
#     __sync_fetch_and_or(&s->flags, 1);
#     __u64 old = __atomic_exchange_n(&s->last, bpf_ktime_get_ns(), __ATOMIC_RELAXED);
#     return old ? XDP_PASS : XDP_PASS;
#   }
prog:
	r6 = r1
	w1 = *(u32 *)(r6 + 16)
	w1 &= 3
	*(u32 *)(r10 - 4) = w1
	r2 = r10
	r2 += -4
	r1 = stats ll
	call 1
	if r0 == 0 goto LBB0_2
	r1 = 1
	r2 = 1
	lock *(u64 *)(r0 + 0) += r2
	w2 = *(u32 *)(r6 + 0)
	w3 = *(u32 *)(r6 + 4)
	w3 -= w2
	lock *(u64 *)(r0 + 8) += r3
	lock *(u64 *)(r0 + 16) |= r1
	r6 = r0
	call 5
	r0 = xchg_64(r6 + 24, r0)
LBB0_2:
	w0 = 2
	exit
