#include "common.h"
/* Sections the reader merges: a string literal in .rodata.str1.1, a custom .data.extra section. */
__u32 base_verdict SEC(".data.extra") = XDP_PASS;
__u64 plain = 9;

SEC("xdp")
int xdp_merged_sections(struct xdp_md *ctx)
{
	const char *s = "pass-or-drop";
	__u32 i = (ctx->data_end - ctx->data) & 7;
	plain += 1;
	if (s[i] == 'p')
		return base_verdict;
	return s[i] == '\0' ? XDP_ABORTED : XDP_DROP;
}
char LICENSE[] SEC("license") = "GPL";
