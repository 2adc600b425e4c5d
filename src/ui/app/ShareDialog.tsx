/**
 * "Copy link": builds a link holding the whole workspace (compressed into the URL fragment, so it
 * never reaches any server), copies it to the clipboard, and shows it — with an embed link for
 * slides — in case the clipboard is unavailable. Below: downloads (the `.o`, the verifier log,
 * the last run's packets as a pcap).
 */
import { useEffect, useState } from 'react';
import { closeOverlay } from '../../state/ui.ts';
import { Dialog } from '../components/Dialog.tsx';
import { Downloads } from '../downloads/Downloads.tsx';
import { buildShareLinks, type ShareLinks } from './share.ts';

type CopyState = 'copying' | 'copied' | 'manual';

function LinkField({ label, value, autoSelect }: { label: string; value: string; autoSelect?: boolean }) {
  return (
    <label className="share-field">
      <span className="share-label">{label}</span>
      <input
        className="share-input mono"
        readOnly
        value={value}
        aria-label={label}
        onFocus={(e) => e.currentTarget.select()}
        ref={(el) => {
          if (el && autoSelect) el.select();
        }}
      />
    </label>
  );
}

export function ShareDialog() {
  const [links, setLinks] = useState<ShareLinks | null>(null);
  const [copy, setCopy] = useState<CopyState>('copying');
  useEffect(() => {
    let live = true;
    void buildShareLinks().then(async (l) => {
      if (!live) return;
      setLinks(l);
      if (l.tooLarge) return setCopy('manual');
      try {
        await navigator.clipboard.writeText(l.link);
        if (live) setCopy('copied');
      } catch {
        if (live) setCopy('manual');
      }
    });
    return () => {
      live = false;
    };
  }, []);
  return (
    <Dialog title="Share this workspace" onClose={closeOverlay}>
      {!links ? (
        <p className="muted">Making the link…</p>
      ) : links.tooLarge ? (
        <p className="alert alert-error" role="alert">
          {links.tooLarge}
        </p>
      ) : (
        <>
          <p className={copy === 'copied' ? 'share-status share-ok' : 'share-status'} role="status">
            {copy === 'copied' ? '✓ Link copied to the clipboard.' : copy === 'manual' ? 'Copy the link below (Ctrl+C): the clipboard is not available here.' : 'Copying…'}
          </p>
          <LinkField label="Link" value={links.link} autoSelect />
          <LinkField label="Embed link (editor and one panel, for slides)" value={links.embed} />
          <p className="muted share-note">
            The link holds the files, the mem input, the program type, scenario and seed, the selected panel and tab, the
            trace step and the selected instruction ({links.link.length.toLocaleString('en-US')}{' '}
            characters). Everything stays in the link: nothing is uploaded.
          </p>
        </>
      )}
      <Downloads />
    </Dialog>
  );
}
