/**
 * `ebpf-playground run FILE --scenario NAME --seed N --duration T` for tracing programs: the
 * outcome against the world's own tally (a second world with the same options, counted without
 * any program), and bad input as one-line errors with exit status 2.
 */
import { describe, expect, it } from 'vitest';
import { createWorld } from '../sim/events/world.ts';
import { main, type Io } from './main.ts';

async function cli(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (s) => out.push(s), err: (s) => err.push(s), writeFile: () => {} };
  const code = await main(args, io);
  return { code, out, err };
}

describe('run: tracing programs on the event generator', { timeout: 30_000 }, () => {
  it('execsnoop over the shell scenario: one ring-buffer record per execve the world made', async () => {
    const r = await cli(['run', 'examples/20-execsnoop/prog.c', '--scenario', 'shell', '--seed', '3', '--duration', '2s', '--json']);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out[0]);
    const w = createWorld({ seed: 3, durationNs: 2e9, workloads: ['shell'], cpus: 4 });
    let events = 0, execs = 0;
    for (const e of w) {
      events++;
      if (e.kind === 'tracepoint' && e.name === 'syscalls/sys_enter_execve') execs++;
    }
    expect(j.eventCount).toBe(events);
    expect(j.eventRecords).toBe(execs);
    expect(j.events.length).toBe(execs);
    expect(j.events[0]).toMatchObject({ map: 'events', kind: 'ringbuf' });
    expect(j.counts.syscalls.execve).toBe(execs);
    expect(j.programs).toEqual([{ name: 'execsnoop', section: 'tracepoint/syscalls/sys_enter_execve', runs: execs, oopses: 0 }]);
    // the record's path field (offset 24) decodes to a program path
    const path = Buffer.from(j.events[0].data.slice(48), 'hex').toString().replace(/\0.*$/s, '');
    expect(path).toMatch(/^\/(usr\/)?bin\//);
  });

  it('text output names the scenario, the programs and the maps', async () => {
    const r = await cli(['run', 'examples/24-read-count-by-comm/prog.c', '--scenario', 'cron', '--seed', '1', '--duration', '1s']);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^scenario cron \(cron; seed 1, 1 s, 4 CPUs\): \d+ events, \d+ program runs/);
    expect(r.out.some((l) => /^map reads: \d+ entr/.test(l))).toBe(true);
  });

  it.each([
    [['examples/20-execsnoop/prog.c', '--scenario', 'nosuch'], /unknown scenario 'nosuch' .*shell, webserver, cron, malicious/],
    [['examples/20-execsnoop/prog.c'], /give --scenario/],
    [['examples/20-execsnoop/prog.c', '--scenario', 'shell', '--packet', '00'], /--packet does not go with a tracing program/],
    [['examples/20-execsnoop/prog.c', '--scenario', 'shell', '--duration', 'soon'], /--duration takes a time/],
    [['src/cli/testdata/kprobe-typo.c', '--scenario', 'shell'], /unknown kernel function 'do_sys_open' .*nearest: do_sys_openat2/],
    [['src/cli/testdata/sum.s', '--type', 'kprobe', '--scenario', 'shell'], /give a \.c or \.o/],
    [['examples/20-execsnoop/prog.c', '--scenario', 'shell', '--prog', 'execsnoop'], /--prog does not go with a tracing program/],
    [['examples/20-execsnoop/prog.c', '--scenario', 'shell', '--no-verify'], /tracing programs are always verified/],
  ])('bad input %j is one error line, exit 2', async (args, re) => {
    const r = await cli(['run', ...args]);
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toMatch(re);
  });
});
