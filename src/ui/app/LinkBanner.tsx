/**
 * Banners about share links, above the panels:
 *  - a link that could not be opened: what was wrong with it, and that the user's own work is
 *    untouched (role="alert", dismissible);
 *  - a workspace opened from a link: it is not saved over the user's work until edited; a button
 *    goes back to the saved work (not in embeds: a slide shows the link's program, nothing else).
 */
import { setLinkNotice, useLinkNotice } from '../../state/ui.ts';
import { resetSession } from '../../state/session.ts';
import { restoreAutosave, useOrigin } from '../../state/workspace.ts';
import { dropLinkFragment } from './share.ts';
import './LinkBanner.css';

/** The error text as a sentence: capitalised, with a full stop. */
function sentence(s: string): string {
  const t = s.charAt(0).toUpperCase() + s.slice(1);
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

export function LinkBanner({ embed = false }: { embed?: boolean }) {
  const notice = useLinkNotice();
  const origin = useOrigin();
  if (notice) {
    return (
      <div className="banner banner-error" role="alert" aria-label="Link error">
        <span className="banner-icon" aria-hidden="true">
          !
        </span>
        <div className="banner-text">
          <strong>This link could not be opened.</strong> <span className="banner-detail">{sentence(notice.message)}</span>{' '}
          <span>Nothing from it was loaded or run; your own work is unchanged.</span>
        </div>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => {
            dropLinkFragment();
            setLinkNotice(null);
          }}
        >
          Dismiss
        </button>
      </div>
    );
  }
  if (origin === 'link' && !embed) {
    return (
      <div className="banner banner-info" role="status" aria-label="Opened from a link">
        <span className="banner-text">
          <strong>Opened from a link.</strong> Your own saved work is kept; it is replaced only if you edit this.
        </span>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => {
            dropLinkFragment();
            resetSession();
            restoreAutosave();
          }}
        >
          Back to my work
        </button>
      </div>
    );
  }
  return null;
}
