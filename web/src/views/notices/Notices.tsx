/* Notices to the user, as text; each can be dismissed, some carry an action. */
import { useActions, useApp } from '../context';

export function Notices() {
  const notices = useApp((s) => s.notices);
  const dismiss = useApp((s) => s.dismissNotice);
  const hasDraft = useApp((s) => s.draft !== null);
  const actions = useActions();
  if (notices.length === 0) return null;
  return (
    <div className="notices" data-testid="notices">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice--${n.tone}`} role={n.tone === 'error' ? 'alert' : 'status'} data-testid="notice">
          <span className="notice__text">{n.text}</span>
          {n.action === 'restoreDraft' && hasDraft && (
            <button
              type="button"
              className="button button--small"
              data-testid="restore-draft"
              onClick={() => {
                dismiss(n.id);
                actions.restoreDraft();
              }}
            >
              Restore my draft
            </button>
          )}
          <button type="button" className="button button--quiet button--small" aria-label="Dismiss" onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
