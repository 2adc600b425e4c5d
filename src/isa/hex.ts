/**
 * Hex text <-> bytes, with positioned errors (command-line `--mem`/`--packet` values and `.hex`
 * program files).
 *
 * Accepted: pairs of hex digits, optionally separated by whitespace, commas or `:`; an optional
 * leading `0x` on the whole string; `#` comments to end of line (in files). Not accepted: odd digit
 * counts, a lone digit between separators, any other character. Never throws.
 */
import type { Diagnostic } from '../diag/diagnostic.ts';
import { DiagCode } from '../diag/codes.ts';

export function parseHex(text: string, file = '<hex>'): { bytes: Uint8Array; diagnostics: Diagnostic[] } {
  const out: number[] = [];
  const diagnostics: Diagnostic[] = [];
  let i = 0;
  const n = text.length;
  const err = (start: number, end: number, message: string) =>
    diagnostics.push({ code: DiagCode.BadHex, severity: 'error', message, span: { file, start, end } });
  // a whole-string 0x prefix
  const lead = text.match(/^\s*0[xX]/);
  if (lead) i = lead[0].length;
  while (i < n && diagnostics.length === 0) {
    const c = text[i];
    if (c === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (/[\s,:]/.test(c)) {
      i++;
      continue;
    }
    // a run of hex digits
    const start = i;
    while (i < n && /[0-9a-fA-F]/.test(text[i])) i++;
    if (i === start) {
      err(start, start + 1, `invalid character '${printable(c)}' in hex data`);
      break;
    }
    const run = text.slice(start, i);
    if (run.length % 2 !== 0) {
      err(start, i, `odd number of hex digits (${run.length}) in '${run.length > 20 ? run.slice(0, 20) + '…' : run}'`);
      break;
    }
    for (let k = 0; k < run.length; k += 2) out.push(parseInt(run.slice(k, k + 2), 16));
  }
  return { bytes: Uint8Array.from(out), diagnostics };
}

export function toHex(bytes: Uint8Array, sep = ''): string {
  let s = '';
  for (let k = 0; k < bytes.length; k++) {
    if (k && sep) s += sep;
    s += bytes[k].toString(16).padStart(2, '0');
  }
  return s;
}

function printable(c: string): string {
  const code = c.charCodeAt(0);
  return code < 0x20 || code > 0x7e ? `\\x${code.toString(16).padStart(2, '0')}` : c;
}
