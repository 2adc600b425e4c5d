/**
 * The simulated kernel's configuration, as libbpf reads it for `__kconfig` externs: the values of
 * `extern … CONFIG_X __kconfig;` (from the kernel's Kconfig, `/proc/config.gz`) and libbpf's
 * virtual `LINUX_*` externs (LINUX_KERNEL_VERSION from `uname -r`), and the bytes of the
 * read-only `.kconfig` array map the loader creates from an object's externs.
 *
 * Values: y/n/m set a bool (m is an error for bool), a tristate (`enum libbpf_tristate`: TRI_NO 0,
 * TRI_YES 1, TRI_MODULE 2) or a char; a quoted string a char array (truncated to its size − 1, NUL
 * ended); a number an integer (an error when it does not fit). An option the configuration does
 * not set (`# CONFIG_X is not set`, or absent) leaves a `__weak` extern 0 and fails a strong one
 * (`extern 'CONFIG_X' (strong): not resolved`, libbpf's message). Names that are neither CONFIG_
 * nor LINUX_ fail to load, like unknown non-weak LINUX_ ones.
 * Does not: `extra_kconfig` overrides, modules (this kernel is built without them: no 'm').
 * Provenance: libbpf's documented kconfig rules; the option values recorded from this machine's
 * /proc/config.gz into testdata/kconfig.txt (kconfig.test.ts checks the table against it).
 */
import type { BpfExtern } from '../../isa/object.ts';

/** The largest `.kconfig` map built here. */
export const MAX_KCONFIG_BYTES = 1 << 16;

/** `uname -r` of the machine the table was recorded on. */
export const KERNEL_RELEASE = '6.18.44-fc-v669';

/** The recorded Kconfig lines (testdata/kconfig.txt without its header). */
export const KCONFIG_TEXT = `CONFIG_LOCALVERSION="-fc-v669"
CONFIG_DEFAULT_HOSTNAME="(none)"
CONFIG_NO_HZ_IDLE=y
# CONFIG_NO_HZ_FULL is not set
CONFIG_HIGH_RES_TIMERS=y
CONFIG_BPF=y
CONFIG_BPF_SYSCALL=y
CONFIG_BPF_JIT=y
CONFIG_BPF_JIT_ALWAYS_ON=y
CONFIG_BPF_JIT_DEFAULT_ON=y
CONFIG_BPF_UNPRIV_DEFAULT_OFF=y
CONFIG_BPF_PRELOAD=y
CONFIG_BPF_LSM=y
CONFIG_PREEMPT_NONE=y
# CONFIG_PREEMPT_VOLUNTARY is not set
# CONFIG_PREEMPT is not set
# CONFIG_PREEMPT_LAZY is not set
CONFIG_PREEMPT_COUNT=y
CONFIG_PREEMPTION=y
CONFIG_PREEMPT_DYNAMIC=y
CONFIG_PREEMPT_RCU=y
CONFIG_RCU_NOCB_CPU=y
CONFIG_CGROUPS=y
CONFIG_CGROUP_BPF=y
CONFIG_PERF_EVENTS=y
CONFIG_TRACEPOINTS=y
CONFIG_64BIT=y
CONFIG_X86_64=y
CONFIG_PGTABLE_LEVELS=5
CONFIG_SMP=y
CONFIG_NR_CPUS=256
CONFIG_NUMA=y
# CONFIG_HZ_100 is not set
CONFIG_HZ_250=y
# CONFIG_HZ_300 is not set
# CONFIG_HZ_1000 is not set
CONFIG_HZ=250
CONFIG_SCHED_SMT=y
# CONFIG_KPROBES is not set
CONFIG_UPROBES=y
CONFIG_HAVE_EFFICIENT_UNALIGNED_ACCESS=y
CONFIG_PAGE_SIZE_4KB=y
# CONFIG_MODULES is not set
CONFIG_ARCH_HAS_SYSCALL_WRAPPER=y
CONFIG_NET=y
CONFIG_XDP_SOCKETS=y
CONFIG_TCP_CONG_BBR=y
CONFIG_IPV6=y
CONFIG_NF_CONNTRACK=y
CONFIG_NET_SCH_INGRESS=y
CONFIG_NET_CLS_BPF=y
CONFIG_NET_CLS_ACT=y
CONFIG_BPF_STREAM_PARSER=y
CONFIG_VETH=y
CONFIG_SECURITY=y
CONFIG_LSM="landlock,lockdown,yama,loadpin,safesetid,integrity,smack,tomoyo,apparmor,bpf"
CONFIG_DEBUG_INFO_BTF=y
CONFIG_FTRACE=y
CONFIG_FUNCTION_TRACER=y
CONFIG_DYNAMIC_FTRACE=y
# CONFIG_FPROBE is not set
CONFIG_UPROBE_EVENTS=y
CONFIG_BPF_EVENTS=y`;

const CONFIG = new Map<string, string>();
for (const line of KCONFIG_TEXT.split('\n')) {
  const m = /^(CONFIG_\w+)=(.*)$/.exec(line);
  if (m) CONFIG.set(m[1], m[2]);
}

/** KERNEL_VERSION(a, b, c) of a release string, as libbpf computes LINUX_KERNEL_VERSION (c capped at 255). */
export function kernelVersion(release: string = KERNEL_RELEASE): number {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(release);
  if (!m) return 0;
  return (Number(m[1]) << 16) + (Number(m[2]) << 8) + Math.min(255, Number(m[3]));
}

/** The value of one Kconfig option as the configuration spells it (`y`, `250`, `"(none)"`), or undefined. */
export function kconfigValue(name: string): string | undefined {
  return CONFIG.get(name);
}

/**
 * The `.kconfig` map's bytes for `externs` (those of section `.kconfig`, offsets set), or the
 * load error libbpf reports.
 */
export function kconfigData(externs: readonly BpfExtern[]): { ok: true; bytes: Uint8Array } | { ok: false; message: string } {
  const kc = externs.filter((e) => e.section === '.kconfig');
  const size = kc.reduce((n, e) => Math.max(n, (e.offset ?? 0) + e.size), 0);
  // (a hostile object's BTF can claim any size; real Kconfig values are a few bytes each)
  if (!(size <= MAX_KCONFIG_BYTES)) return { ok: false, message: `libbpf: .kconfig map of ${size} bytes is too large (the limit here is ${MAX_KCONFIG_BYTES})` };
  const bytes = new Uint8Array(size);
  const dv = new DataView(bytes.buffer);
  const fail = (message: string) => ({ ok: false as const, message: `libbpf: ${message}` });
  for (const e of kc) {
    const at = e.offset ?? 0;
    // libbpf's virtual LINUX_* values may also go into a bool; Kconfig numbers only into an int or char
    const putNum = (v: bigint, virt = false): string | undefined => {
      if (e.kcfg !== 'int' && e.kcfg !== 'char' && !(virt && e.kcfg === 'bool')) return `extern (kcfg) '${e.name}': value '${v}' implies integer type`;
      if (e.kcfg === 'int' || e.kcfg === 'char') {
        const bits = BigInt(e.size * 8);
        const ok = e.signed ? BigInt.asIntN(64, v) >= -(1n << (bits - 1n)) && BigInt.asIntN(64, v) < 1n << (bits - 1n) : v < 1n << bits;
        if (!ok) return `extern (kcfg) '${e.name}': value '${v}' doesn't fit in ${e.size} bytes`;
      }
      for (let i = 0; i < e.size; i++) dv.setUint8(at + i, Number((v >> BigInt(8 * i)) & 0xffn));
      return undefined;
    };
    let value: string | undefined;
    let err: string | undefined;
    if (e.name.startsWith('CONFIG_')) value = CONFIG.get(e.name);
    else if (e.name === 'LINUX_KERNEL_VERSION') err = putNum(BigInt(kernelVersion()), true);
    else if (e.name === 'LINUX_HAS_BPF_COOKIE' || e.name === 'LINUX_HAS_SYSCALL_WRAPPER') err = putNum(1n, true);
    else if (!e.name.startsWith('LINUX_') || !e.weak) return fail(`extern (kcfg) '${e.name}': unrecognized virtual extern`);
    else continue; // an unknown weak LINUX_ extern: 0
    if (err) return fail(err);
    if (!e.name.startsWith('CONFIG_')) continue;
    if (value === undefined) {
      if (!e.weak) return fail(`extern '${e.name}' (strong): not resolved`);
      continue;
    }
    if (value === 'y' || value === 'n' || value === 'm') {
      if (e.kcfg === 'bool') {
        if (value === 'm') return fail(`extern (kcfg) '${e.name}': value '${value}' implies tristate or char type`);
        bytes[at] = value === 'y' ? 1 : 0;
      } else if (e.kcfg === 'tristate') dv.setUint32(at, value === 'y' ? 1 : value === 'm' ? 2 : 0, true);
      else if (e.kcfg === 'char') bytes[at] = value.charCodeAt(0);
      else return fail(`extern (kcfg) '${e.name}': value '${value}' implies bool, tristate, or char type`);
    } else if (value.startsWith('"')) {
      if (e.kcfg !== 'char_arr') return fail(`extern (kcfg) '${e.name}': value '${value}' implies char array type`);
      const s = new TextEncoder().encode(value.slice(1, -1));
      const n = Math.min(s.length, e.size - 1);
      bytes.set(s.subarray(0, n), at);
      bytes[at + n] = 0;
    } else {
      let v: bigint;
      try { v = BigInt(value); } catch { return fail(`extern (kcfg) '${e.name}': value '${value}' is not a number`); }
      const m = putNum(BigInt.asUintN(64, v));
      if (m) return fail(m);
    }
  }
  return { ok: true, bytes };
}
