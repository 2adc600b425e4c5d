/** The snapshot validator: exact shape, caps, strict names; never throws on any input. */
import { describe, expect, it } from 'vitest';
import { LIMITS, validateSnapshot, validateWorkspaceData, type Snapshot } from './snapshot.ts';

const good: Snapshot = {
  v: 1,
  files: [
    { name: 'prog.s', text: 'exit\n' },
    { name: 'lib.s', text: '' },
  ],
  active: 1,
  language: 'asm',
  progType: null,
  scenario: 'udp-flood',
  seed: 4294967295,
  mem: '0x01:02, ff',
  panel: 'bytecode',
  step: 0,
  pc: 3,
  dock: 'maps',
  count: 2000,
};

const err = (v: unknown) => {
  const r = validateSnapshot(v);
  return r.ok ? 'ok' : r.error;
};

describe('validateSnapshot', () => {
  it('accepts a well-formed snapshot and returns a copy', () => {
    const r = validateSnapshot(good);
    expect(r).toEqual({ ok: true, value: good });
    if (r.ok) expect(r.value.files[0]).not.toBe(good.files[0]);
  });

  it('rejects each field out of range with a message naming it', () => {
    expect(err({ ...good, active: 2 })).toMatch(/'active' must be a file index from 0 to 1/);
    expect(err({ ...good, active: 0.5 })).toMatch(/'active'/);
    expect(err({ ...good, files: [] })).toMatch(/non-empty/);
    expect(err({ ...good, files: Array.from({ length: 9 }, (_, i) => ({ name: `f${i}.s`, text: '' })) })).toMatch(/too many files \(9; at most 8\)/);
    expect(err({ ...good, files: [{ name: 'a.s', text: '' }, { name: 'a.s', text: '' }] })).toMatch(/used twice/);
    expect(err({ ...good, files: [{ name: 'a.s', text: 1 }] })).toMatch(/must be strings/);
    expect(err({ ...good, files: [{ name: '../etc/passwd', text: '' }] })).toMatch(/not an acceptable file name/);
    expect(err({ ...good, files: [{ name: 'a.s', text: 'x'.repeat(LIMITS.fileText + 1) }], active: 0 })).toMatch(/too large/);
    expect(err({ ...good, language: 'rust' })).toMatch(/unsupported language 'rust'/);
    expect(validateSnapshot({ ...good, language: 'c' }).ok).toBe(true);
    expect(err({ ...good, seed: 2 ** 32 })).toMatch(/'seed'/);
    expect(err({ ...good, mem: '<b>' })).toMatch(/'mem'/);
    expect(err({ ...good, panel: 'registers' })).toMatch(/'panel' must be one of result, trace, bytecode, verifier, maps, packets, events, cfg, stats, states$/);
    // the run panels of the dock are panels too
    for (const panel of ['maps', 'packets', 'events', 'cfg', 'stats', 'states']) expect(validateSnapshot({ ...good, panel }).ok).toBe(true);
    expect(err({ ...good, step: -1 })).toMatch(/'step'/);
    expect(err({ ...good, pc: -1 })).toMatch(/'pc' must be null or an instruction index/);
    expect(err({ ...good, pc: '3' })).toMatch(/'pc'/);
    expect(err({ ...good, pc: 1_000_001 })).toMatch(/'pc'/);
    expect(err({ ...good, scenario: 'UPPER' })).toMatch(/'scenario'/);
    expect(validateSnapshot({ ...good, scenario: 'malicious,webserver,shell,cron' }).ok).toBe(true);
    expect(err({ ...good, scenario: 'a,,b' })).toMatch(/'scenario' must be one or more short lower-case names separated by commas/);
    expect(err({ ...good, scenario: 'a,' })).toMatch(/'scenario'/);
  });

  it('opens links made before `pc` existed as "no instruction selected"', () => {
    const { pc: _pc, dock: _dock, count: _count, ...old } = good;
    expect(validateSnapshot(old)).toEqual({ ok: true, value: { ...good, pc: null, dock: null, count: null } });
    expect(err({ ...good, count: 0 })).toMatch(/'count' must be null or an integer from 1 to 10000000/);
    expect(err({ ...good, count: 1e8 })).toMatch(/'count'/);
    expect(err({ ...good, dock: '<img>' })).toMatch(/'dock' must be a short lower-case name/);
    expect(validateSnapshot({ ...good, pc: null })).toEqual({ ok: true, value: { ...good, pc: null } });
  });

  it('rejects missing fields and non-objects', () => {
    const { mem: _mem, ...noMem } = good;
    expect(err(noMem)).toMatch(/missing the field 'mem'/);
    for (const v of [null, undefined, 3, 'x', [], new Date(0)]) expect(err(v)).not.toBe('ok');
  });

  it('shows untrusted text clipped and without control characters', () => {
    expect(err({ ...good, files: [{ name: `a\u0000${'b'.repeat(100)}`, text: '' }], active: 0 })).toMatch(/'a\?b{22}…'/);
  });
});

describe('validateWorkspaceData', () => {
  it('is roomier than a link: mem as typed, larger files', () => {
    const { v: _v, panel: _p, step: _s, pc: _pc, dock: _d, count: _c, ...ws } = good;
    expect(validateWorkspaceData({ ...ws, mem: 'zz <b>' }).ok).toBe(true);
    expect(validateWorkspaceData({ ...ws, files: [{ name: 'a.s', text: 'x'.repeat(LIMITS.fileText + 1) }], active: 0 }).ok).toBe(true);
    expect(validateSnapshot({ ...good, mem: 'zz <b>' }).ok).toBe(false);
  });

  it('accepts the workspace part alone and refuses link-only fields', () => {
    const { v: _v, panel: _p, step: _s, pc: _pc, dock: _d, count: _c, ...ws } = good;
    expect(validateWorkspaceData(ws)).toEqual({ ok: true, value: ws });
    expect(validateWorkspaceData(good)).toMatchObject({ ok: false, error: expect.stringMatching(/unknown field 'v'/) });
  });
});
