/**
 * `bpf/bpf_helper_defs.h`: one declaration per helper, `static RET (* const bpf_NAME)(PARAMS) =
 * (void *) ID;`, the form libbpf programs call through — rendered from the kernel tables
 * (src/kernel/helpers: ids, C prototypes and descriptions), the one source of truth.
 * Does not: describe which program types may call a helper (src/kernel/helpers does).
 */
import { renderHelperDefs } from '../../kernel/helpers/header.ts';

export const BPF_HELPER_DEFS_H = ['#pragma once', '#include <linux/types.h>', renderHelperDefs()].join('\n') + '\n';
