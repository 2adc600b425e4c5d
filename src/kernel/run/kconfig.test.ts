/**
 * The simulated kernel configuration: the table is the one recorded from this machine's
 * /proc/config.gz (testdata/kconfig.txt), LINUX_KERNEL_VERSION is KERNEL_VERSION(6, 18, 44)
 * for `uname -r` 6.18.44-fc-v669, and `.kconfig` values are parsed by libbpf's rules
 * (hand-computed expectations).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { BpfExtern } from '../../isa/object.ts';
import { KCONFIG_TEXT, kconfigData, kconfigValue, kernelVersion } from './kconfig.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const ext = (name: string, kcfg: BpfExtern['kcfg'], size: number, offset: number, extra: Partial<BpfExtern> = {}): BpfExtern =>
  ({ name, section: '.kconfig', weak: false, type: 1, size, align: Math.min(size, 8), kcfg, offset, ...extra });

describe('kconfig', () => {
  it('the table is the recorded /proc/config.gz excerpt', () => {
    const recorded = readFileSync(join(HERE, 'testdata/kconfig.txt'), 'utf8').split('\n').filter((l) => l && !/^# (Recorded|the simulated|zcat)/.test(l));
    expect(KCONFIG_TEXT.split('\n')).toEqual(recorded);
    expect(kconfigValue('CONFIG_HZ')).toBe('250');
    expect(kconfigValue('CONFIG_PREEMPT')).toBeUndefined(); // "# CONFIG_PREEMPT is not set"
  });

  it('LINUX_KERNEL_VERSION: KERNEL_VERSION(a, b, min(c, 255))', () => {
    expect(kernelVersion('6.18.44-fc-v669')).toBe(0x06122c);
    expect(kernelVersion('5.4.300')).toBe((5 << 16) + (4 << 8) + 255);
    expect(kernelVersion('nonsense')).toBe(0);
  });

  it('values by type: bool, tristate, char, int, char array (truncated, NUL-ended)', () => {
    const r = kconfigData([
      ext('CONFIG_NR_CPUS', 'int', 8, 0, { signed: false }),
      ext('CONFIG_HZ', 'int', 4, 8, { signed: true }),
      ext('CONFIG_BPF_EVENTS', 'tristate', 4, 12),
      ext('CONFIG_SMP', 'bool', 1, 16),
      ext('CONFIG_IPV6', 'char', 1, 17, { signed: true }),
      ext('CONFIG_DEFAULT_HOSTNAME', 'char_arr', 4, 18, { align: 1 }),
      ext('CONFIG_PREEMPT', 'bool', 1, 22, { weak: true }),
      ext('LINUX_HAS_BPF_COOKIE', 'bool', 1, 23),
    ]);
    if (!r.ok) throw new Error(r.message);
    expect(Buffer.from(r.bytes).toString('hex')).toBe(
      '0001000000000000' + 'fa000000' + '01000000' + '01' + '79' + '286e6f00' + '00' + '01');
  });

  it("libbpf's refusals", () => {
    expect(kconfigData([ext('CONFIG_HZ', 'int', 1, 0, { signed: true })])).toEqual({ ok: false, message: "libbpf: extern (kcfg) 'CONFIG_HZ': value '250' doesn't fit in 1 bytes" });
    expect(kconfigData([ext('CONFIG_HZ', 'bool', 1, 0)])).toEqual({ ok: false, message: "libbpf: extern (kcfg) 'CONFIG_HZ': value '250' implies integer type" });
    expect(kconfigData([ext('CONFIG_LSM', 'int', 4, 0)]).ok).toBe(false);
    // as bpftool prog loadall (libbpf 1.1) printed for `extern bool CONFIG_HZ` / `extern char CONFIG_HZ`
    expect(kconfigData([ext('CONFIG_HZ', 'char', 1, 0, { signed: true })])).toEqual({ ok: false, message: "libbpf: extern (kcfg) 'CONFIG_HZ': value '250' doesn't fit in 1 bytes" });
    expect(kconfigData([ext('CONFIG_KPROBES', 'bool', 1, 0)])).toEqual({ ok: false, message: "libbpf: extern 'CONFIG_KPROBES' (strong): not resolved" });
    expect(kconfigData([ext('FOO', 'int', 4, 0, { weak: true })])).toEqual({ ok: false, message: "libbpf: extern (kcfg) 'FOO': unrecognized virtual extern" });
    expect(kconfigData([ext('LINUX_UNKNOWN', 'int', 4, 0, { weak: true })])).toEqual({ ok: true, bytes: new Uint8Array(4) });
    // a hostile object's BTF claiming a huge char array: an error, not an allocation
    expect(kconfigData([ext('CONFIG_LSM', 'char_arr', 2 ** 40, 0, { align: 1 })]).ok).toBe(false);
  });
});
