/**
 * The program the editor opens with on a first visit (and after "Back to my work" when nothing is
 * saved): LLVM assembly syntax, as `llvm-objdump -d` prints it and `llvm-mc -triple bpfel`
 * assembles it. It loops and uses the stack, so the register trace has something to show.
 * Expected result: r0 = 55 (1 + 2 + … + 10).
 */
export const STARTER_FILE = 'prog.s';

export const STARTER_PROGRAM = `# Sum 1 + 2 + ... + 10, keeping the running total on the stack.
#
# r10 is the frame pointer: read-only, it points just past the
# 512-byte stack, so the first 8-byte slot is at (r10 - 8).
# r0 holds the program's return value when it reaches \`exit\`.

        r1 = 0                          # i = 0
        *(u64 *)(r10 - 8) = r1          # total = 0 (a stack slot)
loop:
        r1 += 1                         # i++
        r2 = *(u64 *)(r10 - 8)          # load total
        r2 += r1                        # total += i
        *(u64 *)(r10 - 8) = r2          # store it back
        if r1 < 10 goto loop            # unsigned compare, jump back
        r0 = *(u64 *)(r10 - 8)          # return total (55)
        exit

# Try: press Ctrl+Enter (Cmd+Enter on a Mac) to run, then step
# through the register trace with the arrow keys.
`;

/** The program a switch to C opens with: the smallest XDP program the verifier accepts. */
export const STARTER_C_FILE = 'prog.c';

export const STARTER_C_PROGRAM = `// An XDP program: it runs for every packet the network card receives.
// Its return value is the verdict: XDP_PASS lets the packet through.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int pass_all(struct xdp_md *ctx)
{
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
`;
