/* bpf_snprintf's format is checked by the verifier (the format must be a constant string in a
 * read-only map): each program passes one format with a number of arguments; record.sh asks the
 * kernel's verifier about each (kernel_oracle.py verify --prog NAME). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char out[64];

#define CASE(name, f, ...)                                                \
	SEC("xdp") int name(struct xdp_md *ctx)                               \
	{                                                                     \
		static const char fmt[] = f;                                      \
		unsigned long long args[] = { __VA_ARGS__ };                      \
		return bpf_snprintf(out, sizeof(out), fmt, args, sizeof(args)) < 0; \
	}

CASE(ok_ints, "%d %u %x %lld", 1, 2, 3, 4)
CASE(ok_str_ip, "%s %pI4 %c %%", 0, 0, 65)
CASE(ok_fewer_specs, "%d", 1, 2)
CASE(bad_unknown, "%q", 1)
CASE(bad_too_many, "%d %d %d", 1, 2)
CASE(bad_precision, "%.3d", 1)
CASE(bad_alt, "%#x", 1)
CASE(bad_trailing, "50%", 1)
CASE(bad_nonprint, "a\x01%d", 1)
CASE(bad_p_ext, "%pZ", 1)
CASE(bad_h, "%hd", 1)
CASE(ok_width_flags, "[%-8s][%08x][%+d]", 0, 1, 2)
CASE(ok_pks, "%pks %pus %px", 0, 0, 0)
CASE(bad_n, "%n", 1)
char LICENSE[] SEC("license") = "GPL";
