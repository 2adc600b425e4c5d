/**
 * The "Download" buttons (in the share dialog): the program as an ELF `.o` (loads with
 * `bpftool prog load`), the verifier log as text, and the traffic of the last packet run as a
 * pcap (when there was one). Building the files is pure (`files.ts`, imported lazily: it
 * pulls in the compiler); here they become a Blob and an `<a download>` click.
 */
import { useState } from 'react';
import { useSession, useShownVerifier } from '../../state/session.ts';
import { getFile, getSource, useWorkspace } from '../../state/workspace.ts';
import { useUi } from '../../state/ui.ts';
import type { FileResult } from './files.ts';
import './Downloads.css';

function save(r: FileResult): string | null {
  if (!r.ok) return r.error;
  const url = URL.createObjectURL(new Blob([r.bytes as BlobPart], { type: r.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = r.name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return null;
}

/** The last traffic run's packets: its scenario regenerated (seeded, so identical) as a pcap. */
function runPcap(m: typeof import('./files.ts')): FileResult {
  const v = useSession.getState().drive.view;
  if (!v || !isPacketRun(v.progType)) return { ok: false, error: 'no packets to save: run the program on traffic first' };
  const name = `${getFile().replace(/\.[a-z]+$/i, '')}-${v.scenario}-seed${v.seed}.pcap`;
  return m.scenarioPcap(name, v.scenario, v.seed, v.total, useUi.getState().runOpts.ratePps ?? undefined);
}

const isPacketRun = (progType: string) => /^(xdp|sched_cls|sched_act|socket_filter|cgroup_skb)$/.test(progType);

export function Downloads() {
  const [error, setError] = useState<string | null>(null);
  const verifier = useShownVerifier();
  const hasFrames = useSession((s) => s.drive.view !== null && isPacketRun(s.drive.view.progType) && s.drive.view.total > 0);
  const run = async (make: (m: typeof import('./files.ts')) => FileResult) => {
    setError(null);
    const m = await import('./files.ts');
    setError(save(make(m)));
  };
  return (
    <section className="downloads" aria-label="Download">
      <h3 className="share-label">Download</h3>
      <div className="downloads-row">
        <button type="button" className="btn btn-small" onClick={() => void run((m) => m.objectFile(getFile(), getSource(), useWorkspace.getState().progType))} title="An ELF object file: bpftool prog load prog.o /sys/fs/bpf/prog">
          Object file (.o)
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={!verifier}
          title={verifier ? 'The verifier log shown in the Verifier panel, as text' : 'Run the program first'}
          onClick={() => void run((m) => m.verifierLogFile({ file: getFile(), ...verifier! }))}
        >
          Verifier log (.txt)
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={!hasFrames}
          title={hasFrames ? 'The traffic of the last run (at most 100,000 packets), for tcpdump or Wireshark' : 'Run the program on traffic first'}
          onClick={() => void run(runPcap)}
        >
          Packets (.pcap)
        </button>
      </div>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
