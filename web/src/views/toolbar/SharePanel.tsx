/* The link made by Share, ready to copy. */
import { useEffect, useRef, useState } from 'react';
import { useApp } from '../context';

export function SharePanel() {
  const share = useApp((s) => s.share);
  const setShare = useApp((s) => s.setShare);
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'idle' | 'done' | 'failed'>('idle');
  const url = share.status === 'ready' ? share.url : null;

  useEffect(() => {
    setCopied('idle');
    if (url) input.current?.select();
  }, [url]);

  if (share.status === 'idle') return null;
  if (share.status === 'working') return <div className="share-panel" role="status">Making a link…</div>;

  const copy = () => {
    navigator.clipboard.writeText(share.url).then(
      () => setCopied('done'),
      () => {
        input.current?.select();
        setCopied('failed');
      },
    );
  };
  return (
    <div className="share-panel" role="region" aria-label="Share link">
      <label className="share-panel__label" htmlFor="share-url">
        Link to this scenario and its settings:
      </label>
      <input id="share-url" ref={input} className="share-panel__url" readOnly value={share.url} data-testid="share-url" onFocus={(e) => e.currentTarget.select()} />
      <button type="button" className="button" onClick={copy}>
        {copied === 'done' ? 'Copied' : 'Copy'}
      </button>
      {copied === 'failed' && <span className="share-panel__hint">Press Ctrl+C to copy.</span>}
      <button type="button" className="button button--quiet" aria-label="Close the share panel" onClick={() => setShare({ status: 'idle' })}>
        ×
      </button>
    </div>
  );
}
