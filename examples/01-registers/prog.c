// @title: Your first program: registers and a return code
// @description: A few lines of C on the XDP hook: the program measures each frame and drops those
//  longer than 500 bytes, printing their length. Open the Bytecode panel to see it on the eleven
//  64-bit registers: the context pointer arrives in r1 (a program's one argument), the 32-bit
//  arithmetic uses the w names (the low halves of the same registers), the helper call takes its
//  arguments in r1-r3 (the format string is an ld_imm64 into .rodata) and the verdict leaves in
//  r0 (XDP_DROP is 1, XDP_PASS 2). r10, the read-only frame pointer, stays unused: no stack.
// @prog: xdp
// @scenario: web
// @seed: 7
// @count: 2000
// @topics: basics, registers, alu, printk
// @outcome: XDP_DROP exactly for the scenario's frames longer than 500 bytes, with one trace_pipe line giving each one's length; the rest pass.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int first_prog(struct xdp_md *ctx)
{
	__u32 len = ctx->data_end - ctx->data; // two loads through r1, then a 32-bit subtraction
	__u32 bits = len * 8;

	if (bits > 500 * 8) {
		bpf_printk("dropped %u bytes", len); // r1 = the format, r2 = its size, r3 = len
		return XDP_DROP;                     // r0 = 1
	}
	return XDP_PASS;                             // r0 = 2
}

char LICENSE[] SEC("license") = "GPL";
