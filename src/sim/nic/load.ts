/**
 * The whole pipeline for a C program that will meet packets: our compiler → our verifier → a
 * fresh simulated kernel with the object's maps → the program loaded, ready for drivePackets.
 * What the examples test, the bench and the CLI's scenario path share.
 *
 *   const l = loadC(text, 'prog.c');            // { ok: true, kernel, prog, verify, section } | { ok: false, error }
 *
 * The verifier gets what libbpf hands the kernel (src/verifier/objectInputs.ts, as the CLI and the
 * page do): the object's maps (a map-in-map with its inner template), its global functions with
 * their BTF prototypes (each verified on its own), and BTF func_info (our compiler always emits
 * it: callbacks and global functions need it).
 *
 * Does not: pick among several programs (the first, or the one named), read ELF objects.
 * Provenance: our own code (the steps mirror cli/input.ts and cli/verifyCmd.ts).
 */
import { compile } from '../../compiler/driver.ts';
import { progTypeForSection } from '../../kernel/progtypes/progTypes.ts';
import { createKernel, type Kernel, type LoadedProgram } from '../../kernel/run/kernel.ts';
import { createObjectMaps, indexMapRefs, linkProgram } from '../../kernel/run/object.ts';
import { globalFuncsOf, objectVerifyMaps, verify } from '../../verifier/index.ts';
import type { VerifyResult } from '../../verifier/types.ts';

export type LoadedC =
  | { ok: true; kernel: Kernel; prog: LoadedProgram; verify: VerifyResult; section: string }
  | { ok: false; error: string };

export function loadC(text: string, file = 'prog.c', opts: { program?: string; kernel?: Kernel } = {}): LoadedC {
  const c = compile({ [file]: text }, file);
  const err = c.diagnostics.find((d) => d.severity === 'error');
  if (err || !c.object) return { ok: false, error: `${file}: compile error: ${err?.message ?? 'no object'}` };
  const p = opts.program === undefined ? c.object.programs[0] : c.object.programs.find((x) => x.name === opts.program || x.section === opts.program);
  if (!p) return { ok: false, error: `${file}: no program ${opts.program ?? ''}` };
  const type = progTypeForSection(p.section)?.type;
  if (!type) return { ok: false, error: `${file}: no program type for SEC("${p.section}")` };
  const linked = linkProgram(p);
  const maps = objectVerifyMaps(c.object);
  const idx = indexMapRefs(linked.insns, linked.relocs, maps.map((m) => m.name));
  if (!idx.ok) return { ok: false, error: `${file}: '${idx.missing}' is not a map of the object` };
  const globalFuncs = globalFuncsOf(p);
  const v = verify(idx.insns, { progType: type, maps, funcInfo: true, ...(globalFuncs ? { globalFuncs } : {}) });
  if (!v.accepted) return { ok: false, error: `${file}: the verifier rejects it: ${v.error}` };
  const kernel = opts.kernel ?? createKernel({ seed: 1 });
  const made = createObjectMaps(kernel, c.object);
  if (made) return { ok: false, error: `${file}: ${made}` };
  const l = kernel.load(linked.insns, { type, relocs: linked.relocs, name: p.name, verified: true });
  if (!l.ok) return { ok: false, error: `${file}: load: ${l.message}` };
  return { ok: true, kernel, prog: l.prog, verify: v, section: p.section };
}
