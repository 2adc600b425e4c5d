/**
 * The `mem` input under the editor: hex bytes the program gets in r1 (address) and r2 (length),
 * as in the bpf_conformance tests. Checked as you type with the same parser the worker uses; an
 * error names its column and the field is marked invalid (the run reports it too).
 */
import { useMemo } from 'react';
import { lineCol } from '../../diag/diagnostic.ts';
import { parseHex } from '../../isa/hex.ts';
import { setMem, useMem } from '../../state/workspace.ts';

export function memStatus(text: string): { ok: true; bytes: number } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: true, bytes: 0 };
  const r = parseHex(text, 'mem');
  const d = r.diagnostics[0];
  if (!d) return { ok: true, bytes: r.bytes.length };
  const pos = d.span ? lineCol(text, d.span.start) : undefined;
  return { ok: false, message: `${pos ? `col ${pos.col}: ` : ''}${d.message}` };
}

/** The input's element id (the Result pane's diagnostics put the caret in it). */
export const MEM_INPUT_ID = 'mem-input';

export function MemInput() {
  const mem = useMem();
  const status = useMemo(() => memStatus(mem), [mem]);
  const id = MEM_INPUT_ID;
  return (
    <div className="mem-bar">
      <label htmlFor={id} className="mem-label" title="Bytes the program can read: r1 holds their address, r2 their length">
        mem <span className="muted">(hex)</span>
      </label>
      <input
        id={id}
        className={`mem-input mono${status.ok ? '' : ' invalid'}`}
        value={mem}
        spellCheck={false}
        autoComplete="off"
        placeholder="none — e.g. 01 02 03 ff"
        aria-invalid={!status.ok}
        aria-describedby={`${id}-status`}
        onChange={(e) => setMem(e.target.value)}
      />
      <span id={`${id}-status`} className={status.ok ? 'mem-status muted' : 'mem-status mem-error'} role={status.ok ? undefined : 'alert'}>
        {status.ok ? (status.bytes === 0 ? 'r1 = r2 = 0' : `r2 = ${status.bytes} byte${status.bytes === 1 ? '' : 's'}`) : status.message}
      </span>
    </div>
  );
}
