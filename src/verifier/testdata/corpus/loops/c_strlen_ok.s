# @type: kprobe
# @desc: clang kprobe: bounded strlen over a comm buffer
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   SEC("kprobe/f") int prog(void *ctx) {
#     char comm[16];
#     bpf_get_current_comm(comm, sizeof(comm));
#     int n = 0;
#   #pragma clang loop unroll(disable)
#     for (int i = 0; i < 16; i++) { if (!comm[i]) break; n++; }
#     return n;
#   }
prog:
	r1 = r10
	r1 += -16
	w2 = 16
	call 16
	r1 = 0
	w0 = 16
LBB0_1:
	r2 = r10
	r2 += -16
	r2 += r1
	w2 = *(u8 *)(r2 + 0)
	if w2 == 0 goto LBB0_3
	r1 += 1
	if r1 == 16 goto LBB0_4
	goto LBB0_1
LBB0_3:
	w0 = w1
LBB0_4:
	exit
