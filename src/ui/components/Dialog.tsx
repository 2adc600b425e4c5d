/**
 * A modal dialog on the native `<dialog>` element (`showModal()`): the browser provides the focus
 * trap, the inert page behind it, the top layer and Escape-to-close. Clicking the backdrop closes
 * it too. The title labels the dialog for screen readers. An element marked `data-autofocus` gets
 * the focus when the dialog opens.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import './Dialog.css';

export function Dialog({
  title,
  onClose,
  children,
  className,
  wide,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  className?: string;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    // showModal() focuses the first focusable element (the close button); prefer a marked field.
    d?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={`dialog${wide ? ' dialog-wide' : ''}${className ? ` ${className}` : ''}`}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
      onKeyDown={(e) => {
        // Escape closes at once, even from a search field (which would otherwise just clear itself)
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <div className="dialog-inner">
        <div className="dialog-head">
          <h2 id={titleId} className="dialog-title">
            {title}
          </h2>
          <button type="button" className="btn btn-ghost btn-small" aria-label="Close" title="Close (Esc)" onClick={onClose}>
            ✕
          </button>
        </div>
        <div className="dialog-body">{children}</div>
      </div>
    </dialog>
  );
}
