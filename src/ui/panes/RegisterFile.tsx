/** r0..r10 after the current trace step, in hex; registers this step wrote are highlighted. */
import { useMemo } from 'react';
import { useOutcome, useStep } from '../../state/session.ts';
import { hex64, registersAfter, s64IfNegative, u64 } from './format.ts';
import './panes.css';

export function RegisterFile() {
  const outcome = useOutcome();
  const step = useStep();
  const regs = useMemo(
    () => (outcome ? registersAfter(outcome.initialRegs, outcome.trace, step) : []),
    [outcome, step],
  );
  const written = new Set(outcome?.trace[step]?.regs.map(([r]) => r) ?? []);
  if (!outcome || regs.length === 0) return null;
  return (
    <div className="regfile-wrap">
      <div className="regfile-title">registers after step {step + 1}</div>
      <dl className="regfile" aria-label="Registers">
        {regs.map((v, r) => {
          const s = s64IfNegative(v);
          return (
            <div key={r} className={written.has(r) ? 'reg written' : 'reg'} title={`r${r} = ${u64(v)}${s ? ` (${s} signed)` : ''}`}>
              <dt>r{r}</dt>
              <dd className="mono" aria-label={`r${r}`}>
                {hex64(v)}
              </dd>
            </div>
          );
        })}
      </dl>
    </div>
  );
}
