// Programs for the kernel goldens of bpf_skb_change_head, bpf_skb_adjust_room and the error paths
// of bpf_fib_lookup (netExtra.test.ts, fib.test.ts): each returns what the helper returned (or the
// new length), so BPF_PROG_TEST_RUN's retval and data_out show the helper's effect.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

// struct bpf_fib_lookup's layout (UAPI), spelled out: the playground's headers do not carry it
struct fib_params {
	__u8 family;
	__u8 l4_protocol;
	__u16 sport;
	__u16 dport;
	__u16 tot_len;
	__u32 ifindex;
	__u32 tos;
	__u32 src[4];
	__u32 dst[4];
	__u16 h_vlan_proto;
	__u16 h_vlan_TCI;
	__u8 smac[6];
	__u8 dmac[6];
};

#define ROOM(name, diff, mode, flags) \
	SEC("tc") int name(struct __sk_buff *skb) \
	{ \
		long r = bpf_skb_adjust_room(skb, diff, mode, flags); \
		return r ? r : skb->len; \
	}

SEC("tc") int head_14(struct __sk_buff *skb)
{
	long r = bpf_skb_change_head(skb, 14, 0);
	return r ? r : skb->len;
}

SEC("tc") int head_flags(struct __sk_buff *skb)
{
	return bpf_skb_change_head(skb, 14, 1);
}

ROOM(room_mac_8, 8, 1, 0)
ROOM(room_net_8, 8, 0, 0)
ROOM(room_net_m4, -4, 0, 0)
ROOM(room_mac_m4, -4, 1, 0)
ROOM(room_mode_2, 8, 2, 0)
ROOM(room_big, 0x1000, 0, 0)
ROOM(room_bad_flag, 8, 0, 1 << 9)
ROOM(room_shrink_gso, -4, 0, 1)
ROOM(room_encap_ipip, 20, 1, 2)
ROOM(room_encap_both, 20, 1, 6)
ROOM(room_shrink_all, -100, 0, 0)

#define TAIL(name, n, flags) \
	SEC("tc") int name(struct __sk_buff *skb) \
	{ \
		long r = bpf_skb_change_tail(skb, n, flags); \
		return r ? r : skb->len; \
	}

TAIL(tail_100, 100, 0)
TAIL(tail_40, 40, 0)
TAIL(tail_14, 14, 0)
TAIL(tail_13, 13, 0)
TAIL(tail_flags, 100, 1)
TAIL(tail_2000, 2000, 0)
TAIL(tail_max1, 16065, 0)
ROOM(room_net_200, 200, 0, 0)

SEC("tc") int head_200(struct __sk_buff *skb)
{
	long r = bpf_skb_change_head(skb, 200, 0);
	return r ? r : skb->len;
}

static __always_inline long fib(struct xdp_md *ctx, __u8 family, __u32 ifindex, __u32 dst, __u32 flags)
{
	struct fib_params p = {};
	p.family = family;
	p.ifindex = ifindex;
	p.dst[0] = dst;
	return bpf_fib_lookup(ctx, (void *)&p, 64, flags);
}

SEC("xdp") int fib_short(struct xdp_md *ctx)
{
	struct fib_params p = {};
	p.family = 2;
	p.ifindex = 1;
	p.dst[0] = 0x0100007f;
	return bpf_fib_lookup(ctx, (void *)&p, 32, 0); // plen under sizeof(struct bpf_fib_lookup)
}
SEC("xdp") int fib_flags(struct xdp_md *ctx) { return fib(ctx, 2, 1, 0x0100007f, 1 << 6); }
SEC("xdp") int fib_family(struct xdp_md *ctx) { return fib(ctx, 3, 1, 0x0100007f, 0); }
SEC("xdp") int fib_nodev(struct xdp_md *ctx) { return fib(ctx, 2, 999, 0x0100007f, 0); }
SEC("xdp") int fib_local(struct xdp_md *ctx) { return fib(ctx, 2, 1, 0x0100007f, 2); }

char LICENSE[] SEC("license") = "GPL";
