/**
 * A small, strict argument parser for the CLI: known flags only, values checked, every mistake a
 * one-line message (the caller prints it and exits 2). No dependency: the grammar is tiny.
 */

export interface FlagSpec {
  /** takes a value (`--mem HEX`); otherwise a boolean switch */
  value?: boolean;
  /** may be given several times (values collected in order) */
  repeat?: boolean;
  /** one-letter alias, e.g. 'o' for `-o` */
  short?: string;
}

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string[]>;
}

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[], spec: Record<string, FlagSpec>): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  const byShort = new Map<string, string>();
  for (const [name, s] of Object.entries(spec)) if (s.short) byShort.set(s.short, name);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    let name: string | undefined;
    let inline: string | undefined;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      if (eq >= 0) inline = a.slice(eq + 1);
    } else if (a.length > 1 && a.startsWith('-') && !/^-\d/.test(a)) {
      name = byShort.get(a.slice(1));
      if (!name) throw new UsageError(`unknown option '${a}'`);
    } else {
      positional.push(a);
      continue;
    }
    const s = spec[name];
    if (!s) throw new UsageError(`unknown option '--${name}'`);
    let v = 'true';
    if (s.value) {
      if (inline !== undefined) v = inline;
      else if (i + 1 < argv.length) v = argv[++i];
      else throw new UsageError(`option '${a}' needs a value`);
    } else if (inline !== undefined) {
      throw new UsageError(`option '--${name}' takes no value`);
    }
    const prev = flags.get(name);
    if (prev && !s.repeat) throw new UsageError(`option '--${name}' given more than once`);
    flags.set(name, prev ? [...prev, v] : [v]);
  }
  return { positional, flags };
}

export function flag(p: ParsedArgs, name: string): string | undefined {
  return p.flags.get(name)?.[0];
}

export function has(p: ParsedArgs, name: string): boolean {
  return p.flags.has(name);
}

/** A non-negative integer option, or a UsageError naming the option. */
export function intFlag(p: ParsedArgs, name: string, min = 0, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const v = flag(p, name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new UsageError(`option '--${name}' needs a whole number, got '${v}'`);
  const n = Number(v);
  if (n < min || n > max) throw new UsageError(`option '--${name}' must be between ${min} and ${max}, got ${n}`);
  return n;
}
