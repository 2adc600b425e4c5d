/**
 * The run bar above the dock: the program type and attach point (from SEC(), overridable), the
 * traffic scenario (packet programs) or workload (tracing programs), seed, packet (or event) count,
 * packet rate or (events) seconds of simulated time,
 * the ring/perf-buffer reader's schedule (poll every N packets, perf pages per CPU), the engine
 * ("auto": runs on the JIT, Step on the reference interpreter), "run without the verifier" and
 * "unprivileged loader" switches, Run / Pause / Step / Reset, and a progress bar for long runs.
 * The scenario and workload names come from the simulator's own modules (loaded lazily).
 */
import { useEffect, useState } from 'react';
import { useDrive, useLive } from '../../state/session.ts';
import { setRunOpts, setTypeOverride, setUnprivileged, useRunOpts, useTypeOverride, useUnprivileged } from '../../state/ui.ts';
import { setProgType, setScenario, setSeed, useLanguage, useProgType, useScenario, useSeed } from '../../state/workspace.ts';
import { pauseDrive, resetDriveRun, resumeDrive, startDrive, stepDrive } from './drive.ts';
import { runsOnPackets, scenarioOptions } from './runFormat.ts';
import './runs.css';

/** The simulator's scenario and workload names, from the sim modules themselves (a lazy chunk, shared with the lessons). */
interface SimNames {
  scenarios: string[];
  workloads: string[];
}
let simNames: SimNames | null = null;
function loadSimNames(): Promise<SimNames> {
  return Promise.all([import('../../sim/nic/scenario.ts'), import('../../sim/events/workloads.ts')]).then(([s, w]) => {
    simNames = { scenarios: s.scenarioNames(), workloads: Object.keys(w.WORKLOADS) };
    return simNames;
  });
}
function useSimNames(): SimNames | null {
  const [names, setNames] = useState(simNames);
  useEffect(() => {
    if (!names) void loadSimNames().then(setNames);
  }, [names]);
  return names;
}

export const TYPE_NAMES = ['xdp', 'tc', 'socket', 'cgroup_skb', 'kprobe', 'kretprobe', 'uprobe', 'tracepoint', 'raw_tracepoint', 'fentry', 'fexit', 'perf_event', 'lsm'] as const;

const fmt = (n: number) => n.toLocaleString('en-US');

export function RunControls() {
  const drive = useDrive();
  const live = useLive();
  const lang = useLanguage();
  const progType = useProgType();
  const override = useTypeOverride();
  const scenario = useScenario();
  const seed = useSeed();
  const opts = useRunOpts();
  const unpriv = useUnprivileged();
  const kType = live?.outcome.progType ?? drive.view?.progType ?? '';
  const isPacket = runsOnPackets(kType);
  const section = live?.outcome.section;
  const attachTo = live?.outcome.attachTo;
  const v = drive.view;
  const total = v?.total ?? 0;
  const done = v?.done ?? 0;
  const pct = total > 0 ? Math.min(100, (100 * done) / total) : drive.status === 'done' ? 100 : 0;
  const running = drive.status === 'running' || drive.status === 'starting';
  const typeValue = lang === 'c' ? (override ?? '') : (progType ?? 'xdp');
  const [open, setOpen] = useState(false);
  const sim = useSimNames();
  const picker = scenarioOptions(
    (isPacket ? sim?.scenarios : sim?.workloads) ?? [],
    scenario,
    isPacket ? 'mixed' : (sim?.workloads[0] ?? 'shell'),
  );

  return (
    <div className="runbar" role="group" aria-label="Run controls">
      <div className="runbar-row">
        <div className="runbar-buttons">
          {running ? (
            <button type="button" className="btn btn-small" aria-label="Pause the traffic run" onClick={pauseDrive}>
              Pause
            </button>
          ) : drive.status === 'paused' ? (
            <button type="button" className="btn btn-small btn-run" aria-label="Resume the traffic run" onClick={() => void resumeDrive()}>
              ▶ Resume
            </button>
          ) : (
            <button type="button" className="btn btn-small btn-run" aria-label="Run on traffic" title="Run the program on every packet of the scenario" onClick={() => void startDrive()}>
              ▶ Run {isPacket ? 'traffic' : 'events'}
            </button>
          )}
          <button type="button" className="btn btn-small" aria-label={isPacket ? 'Step one packet' : 'Step one event'} title={isPacket ? 'Run the next packet, traced' : 'Run the world to the next event this program is attached to, traced'} disabled={running} onClick={() => void stepDrive()}>
            Step
          </button>
          <button type="button" className="btn btn-small" aria-label="Reset the traffic run" disabled={drive.status === 'idle'} onClick={resetDriveRun}>
            Reset
          </button>
        </div>
        <div
          className="progress"
          role="progressbar"
          aria-label="Run progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(pct)}
          title={`${fmt(done)} / ${fmt(total || opts.count)} ${isPacket ? 'packets' : 'events'} · ${kType || '…'}${attachTo ? ` → ${attachTo}` : ''}${section ? ` (SEC("${section}"))` : ''} · ${isPacket ? (scenario ?? 'mixed') : 'events'} · seed ${seed}`}
        >
          <div className="progress-fill" style={{ width: `${pct}%` }} />
          <span className="progress-text mono" aria-label="Packets run">
            {fmt(done)} / {fmt(total || opts.count)} · {kType || '…'}
            {attachTo ? ` → ${attachTo}` : ''} · {isPacket ? (scenario ?? 'mixed') : 'events'} · seed {seed}
          </span>
        </div>
        <button
          type="button"
          className="btn btn-small btn-ghost"
          aria-expanded={open}
          aria-controls="run-settings"
          aria-label="Run settings"
          title="Program type, traffic, seed, count, rate, engine, verifier switches"
          onClick={() => setOpen(!open)}
        >
          ⚙ {open ? '▴' : '▾'}
        </button>
      </div>
      {open && (
      <div className="runbar-row" id="run-settings">
          <label className="runbar-field" title={lang === 'c' ? 'Program type: from SEC() unless you pick one' : 'Program type the assembly is verified and run as'}>
            <span>type</span>
            <select
              aria-label="Run as program type"
              value={typeValue}
              onChange={(e) => (lang === 'c' ? setTypeOverride(e.target.value || null) : setProgType(e.target.value || null))}
            >
              {lang === 'c' && <option value="">SEC(){section ? `: ${section}` : ''}</option>}
              {TYPE_NAMES.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
          <label className="runbar-field">
            <span>{isPacket ? 'traffic' : 'workload'}</span>
            <select
              aria-label={isPacket ? 'Traffic scenario' : 'Workload'}
              value={picker.value}
              onChange={(e) => setScenario(e.target.value)}
            >
              {picker.options.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <label className="runbar-field">
            <span>seed</span>
            <input aria-label="Seed" className="num-input" type="number" min={0} value={seed} onChange={(e) => setSeed(Number(e.target.value))} />
          </label>
          <label className="runbar-field">
            <span>{isPacket ? 'packets' : 'events'}</span>
            <input aria-label="Packet count" className="num-input wide" type="number" min={1} value={opts.count} onChange={(e) => setRunOpts({ count: Number(e.target.value) })} />
          </label>
          {isPacket ? (
            <label className="runbar-field">
              <span>rate/s</span>
              <input
                aria-label="Rate (packets per second)"
                className="num-input wide"
                type="number"
                min={1}
                placeholder="auto"
                value={opts.ratePps ?? ''}
                onChange={(e) => setRunOpts({ ratePps: e.target.value === '' ? null : Number(e.target.value) })}
              />
            </label>
          ) : (
            <label className="runbar-field" title="Seconds of simulated time the workloads run">
              <span>seconds</span>
              <input
                aria-label="Duration (seconds of simulated time)"
                className="num-input"
                type="number"
                min={0.1}
                step={0.5}
                placeholder="2"
                value={opts.durationS ?? ''}
                onChange={(e) => setRunOpts({ durationS: e.target.value === '' ? null : Number(e.target.value) })}
              />
            </label>
          )}
          {isPacket && (
            <label className="runbar-field" title="The user-space reader of ring/perf buffers wakes up every N packets (empty: after every packet)">
              <span>poll every</span>
              <input
                aria-label="Reader polls every (packets)"
                className="num-input"
                type="number"
                min={1}
                placeholder="1"
                value={opts.pollEvery ?? ''}
                onChange={(e) => setRunOpts({ pollEvery: e.target.value === '' ? null : Number(e.target.value) })}
              />
            </label>
          )}
          {isPacket && opts.pollEvery !== null && (
            <label className="runbar-field" title="Pages (4 KiB) of each CPU's perf buffer; samples that do not fit are lost">
              <span>perf pages</span>
              <input
                aria-label="Perf buffer pages per CPU"
                className="num-input"
                type="number"
                min={1}
                placeholder="∞"
                value={opts.perfPages ?? ''}
                onChange={(e) => setRunOpts({ perfPages: e.target.value === '' ? null : Number(e.target.value) })}
              />
            </label>
          )}
          <label className="runbar-field">
            <span>engine</span>
            <select aria-label="Engine" value={opts.engine} onChange={(e) => setRunOpts({ engine: e.target.value === 'ref' ? 'ref' : 'fast' })}>
              <option value="fast" title="Runs on the JIT (WebAssembly), Step on the reference interpreter, traced">auto</option>
              <option value="ref" title="Every packet on the reference interpreter">interpreter</option>
            </select>
          </label>
          <label className="runbar-check" title="Load and run even if the verifier rejects it: see the simulated kernel oops the verifier prevents">
            <input type="checkbox" aria-label="Run without the verifier" checked={opts.noVerifier} onChange={(e) => setRunOpts({ noVerifier: e.target.checked })} />
            <span>no verifier</span>
          </label>
          <label className="runbar-check" title="Verify with the rules for an unprivileged loader (no CAP_BPF)">
            <input type="checkbox" aria-label="Unprivileged loader" checked={unpriv} onChange={(e) => setUnprivileged(e.target.checked)} />
            <span>unprivileged</span>
          </label>
        </div>
      )}
      {(drive.failure || v?.note || v?.oops || v?.runError || (drive.status === 'error' && v?.diagnostics.length)) && (
        <div className={`runbar-note${v?.oops || drive.failure || drive.status === 'error' ? ' runbar-err' : ''}`} role="status" aria-label="Run status">
          {drive.failure?.message ??
            (v?.oops
              ? `Kernel oops on packet ${v.oops.index} at insn ${v.oops.pc}: ${v.oops.message.split('\n')[0]}`
              : (v?.runError ?? v?.note ?? v?.diagnostics.find((d) => d.severity === 'error')?.message))}
        </div>
      )}
    </div>
  );
}
