/**
 * Symbol tables for stack traces: kernel text (kallsyms-style addresses from 0xffffffff81000000)
 * and the user binaries the workloads run (text mapped at a per-binary base), so perf-event
 * samples carry plain return addresses that `symbolize` turns back into `func+0xoff`, as
 * `perf report`/bcc `profile` would with /proc/kallsyms and the ELF symbol tables.
 *
 * Deliberately not here: ASLR per process (each binary has one fixed base), inlined frames, DWARF.
 * Provenance: function names are well-known public symbol names of Linux, glibc, bash, nginx and
 * gzip; addresses and sizes are invented. Code is our own.
 */

export interface Sym { name: string; addr: bigint; size: number; module: string }

function layout(module: string, base: bigint, fns: [string, number][]): Sym[] {
  const out: Sym[] = [];
  let a = base;
  for (const [name, size] of fns) {
    out.push({ name, addr: a, size, module });
    a += BigInt((size + 15) & ~15);
  }
  return out;
}

export const KERNEL_TEXT = 0xffffffff81000000n;

const KSYMS = layout('kernel', KERNEL_TEXT + 0x1000n, [
  ['common_startup_64', 0x80], ['start_secondary', 0x120], ['cpu_startup_entry', 0x30], ['do_idle', 0x250],
  ['default_idle_call', 0x60], ['default_idle', 0x20], ['pv_native_safe_halt', 0x20],
  ['entry_SYSCALL_64_after_hwframe', 0x80], ['do_syscall_64', 0x140], ['x64_sys_call', 0x2000],
  ['__x64_sys_openat', 0x90], ['do_sys_openat2', 0x130], ['do_filp_open', 0xf0], ['path_openat', 0x5a0],
  ['__x64_sys_read', 0x30], ['ksys_read', 0xe0], ['vfs_read', 0x260], ['__x64_sys_write', 0x30], ['ksys_write', 0xe0], ['vfs_write', 0x3a0],
  ['__x64_sys_execve', 0x50], ['do_execveat_common', 0x1f0], ['bprm_execve', 0x1c0], ['security_bprm_check', 0x60],
  ['security_file_open', 0x60], ['do_unlinkat', 0x2a0], ['tcp_v4_connect', 0x4e0], ['tcp_set_state', 0x1d0],
  ['tcp_retransmit_skb', 0x90], ['tcp_close', 0x70], ['inet_csk_accept', 0x290], ['wake_up_new_task', 0x1b0], ['do_exit', 0x9a0],
  ['copy_page_to_iter', 0x140], ['filemap_read', 0x3c0], ['tcp_sendmsg', 0x60], ['tcp_recvmsg', 0x1a0],
  ['asm_sysvec_apic_timer_interrupt', 0x20], ['sysvec_apic_timer_interrupt', 0x90], ['__schedule', 0x9c0], ['schedule', 0xb0],
]);

const USER: Record<string, [bigint, [string, number][]]> = {
  '/lib/x86_64-linux-gnu/libc.so.6': [0x7f3a1c028000n, [
    ['_start', 0x26], ['__libc_start_call_main', 0x80], ['__libc_start_main_impl', 0x90], ['malloc', 0x130], ['free', 0xc0],
    ['read', 0x90], ['write', 0x90], ['__memcpy_avx_unaligned_erms', 0x3a0], ['__strlen_avx2', 0x120], ['epoll_wait', 0x90],
  ]],
  '/bin/bash': [0x55d3a2e00000n, [
    ['main', 0x5b0], ['reader_loop', 0x1c0], ['read_command', 0xd0], ['parse_command', 0x90], ['yyparse', 0x1800],
    ['readline', 0x120], ['rl_getc', 0x70], ['execute_command_internal', 0x2100], ['make_child', 0x520], ['waitchld', 0x640],
  ]],
  '/usr/sbin/nginx': [0x5601c4a00000n, [
    ['main', 0x9a0], ['ngx_master_process_cycle', 0x7c0], ['ngx_start_worker_processes', 0xe0], ['ngx_spawn_process', 0x6a0],
    ['ngx_worker_process_cycle', 0x1f0], ['ngx_process_events_and_timers', 0x1c0], ['ngx_epoll_process_events', 0x5d0],
    ['ngx_http_wait_request_handler', 0x410], ['ngx_http_process_request_line', 0x590], ['ngx_http_parse_request_line', 0x1b80],
    ['ngx_http_static_handler', 0x7a0], ['ngx_http_gzip_body_filter', 0x9c0], ['ngx_http_log_handler', 0x640],
  ]],
  '/usr/bin/gzip': [0x55e0b1c00000n, [
    ['main', 0x8f0], ['treat_file', 0x7b0], ['zip', 0x2a0], ['deflate', 0x4d0], ['fill_window', 0x1f0], ['longest_match', 0x1a0],
    ['updcrc', 0x60], ['flush_block', 0x4b0], ['compress_block', 0x3d0], ['send_bits', 0xa0],
  ]],
  '/usr/bin/sudo': [0x55f1e9a00000n, [['main', 0x1200], ['sudo_conf_read', 0x400], ['policy_check', 0x300]]],
};

const USER_SYMS: Sym[] = Object.entries(USER).flatMap(([mod, [base, fns]]) => layout(mod, base, fns));
const ALL = [...KSYMS, ...USER_SYMS].sort((a, b) => (a.addr < b.addr ? -1 : a.addr > b.addr ? 1 : 0));

/** Address of `name` (+ `off`) in kernel text or in a user module (`module` defaults to the kernel). */
export function symAddr(name: string, off = 0, module = 'kernel'): bigint {
  const s = ALL.find((x) => x.name === name && x.module === module);
  if (!s) throw new Error(`internal: no symbol ${module}:${name}`);
  return s.addr + BigInt(Math.min(off, s.size - 1));
}

/** `func+0xoff` (and the module) for an address, or undefined when it is not in any table. */
export function symbolize(addr: bigint): { name: string; offset: number; module: string; text: string } | undefined {
  let lo = 0, hi = ALL.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = ALL[mid];
    if (addr < s.addr) hi = mid - 1;
    else if (addr >= s.addr + BigInt(s.size)) lo = mid + 1;
    else {
      const offset = Number(addr - s.addr);
      return { name: s.name, offset, module: s.module, text: `${s.name}+0x${offset.toString(16)}` };
    }
  }
  return undefined;
}

/** The whole table (kallsyms-like listing for the UI). */
export function symbolTable(): readonly Sym[] {
  return ALL;
}

/** A frame list given as [module, function] pairs, innermost first, as return addresses (call site + a plausible offset). */
export function frames(list: readonly [string, string][], jitter: (n: number) => number): bigint[] {
  return list.map(([module, name], i) => {
    const s = ALL.find((x) => x.name === name && x.module === module);
    if (!s) throw new Error(`internal: no symbol ${module}:${name}`);
    const off = i === 0 ? jitter(s.size) : Math.max(5, (s.size * 5) >> 3);
    return s.addr + BigInt(off);
  });
}
