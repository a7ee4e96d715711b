/* The Explore button and panel (docs/explorer.md): live progress, cancel
   keeping what was found, one row per distinct outcome with Show (its
   witness replayed as the schedule), races and findings with their lines. */
import { useMemo } from 'react';
import type { ExploreOutcome } from '../../engine/core-types';
import { outcomeFailed } from '../../explore/explore';
import { lineMap } from '../../store/lineMap';
import { useApp } from '../context';
import { LineLink } from '../results/LineLink';
import { useExplore, useExploreController } from './useExplore';

export function ExploreButton() {
  const c = useExploreController();
  const running = useExplore((s) => s.status === 'running');
  return (
    <button type="button" className="button" data-testid="explore" onClick={() => c.start()} disabled={running}
      title="Run every interleaving that could matter: distinct outcomes, data races, lock-order findings">
      {/* drawn, not a glyph: no installed font has ⧉ (U+29C9), which showed as an empty box */}
      <svg className="icon" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
        <rect x="0.75" y="0.75" width="7" height="7" rx="1" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <rect x="4.25" y="4.25" width="7" height="7" rx="1" fill="none" stroke="currentColor" strokeWidth="1.5" />
      </svg>{' '}
      Explore
    </button>
  );
}

function describe(o: ExploreOutcome): string {
  if (o.bugcheck) return `bug check ${o.bugcheck.code} ${o.bugcheck.name}`;
  if (o.deadlock) return `deadlock: ${o.deadlock.threads.map((t) => `${t.name?.thread ?? t.thread} waits on ${t.name?.waitingOn ?? t.waitingOn}`).join(', ')}`;
  if (o.assertion) return `assertion failed: ${o.assertion.expression}`;
  const text: string[] = [o.outcome];
  if (o.status) text.push(`status ${o.status}`);
  if (o.leaks.length) text.push(`${o.leaks.length} leak${o.leaks.length > 1 ? 's' : ''}`);
  if (o.prints.length) text.push(`“${o.prints[o.prints.length - 1]}”`);
  return text.join(', ');
}

export function ExplorePanel() {
  const c = useExploreController();
  const state = useExplore((s) => s);
  const current = useApp((s) => s.source);
  /* the lines are the explored source's: links point at where they are now */
  const map = useMemo(() => (state.source === null ? undefined : lineMap(state.source, current)), [state.source, current]);
  if (state.status === 'idle') return null;
  const p = state.progress, r = state.result;
  /* live progress while exploring (a resumed one too), else the result's figures */
  const ended = r && { schedules: r.schedules, pruned: r.pruned, outcomes: r.outcomes.length, elapsedMs: r.elapsedMs ?? p?.elapsedMs ?? 0 };
  const n = state.status === 'running' ? (p ?? ended) : (ended ?? p);
  const seconds = (n?.elapsedMs ?? 0) / 1000;
  return (
    <section className="result-section explore" data-testid="explore-panel" aria-label="Exploration">
      <h2>Exploration</h2>
      <p data-testid="explore-progress" aria-live="polite">
        {state.status === 'running' ? 'exploring: ' : r?.complete ? 'complete: ' : state.status === 'failed' ? 'failed: ' : 'stopped: '}
        {(n?.schedules ?? 0).toLocaleString('en-US')} schedules, {(n?.pruned ?? 0).toLocaleString('en-US')} pruned,{' '}
        {n?.outcomes ?? 0} distinct outcomes, {seconds.toFixed(1)} s
        {state.message ? ` — ${state.message}` : ''}
        {r?.error ? ` — ${r.error}` : ''}
      </p>
      {state.status === 'running' && (
        <button type="button" className="button" data-testid="explore-cancel" onClick={() => c.cancel()}>Cancel</button>
      )}
      {state.status === 'done' && state.resumable && (
        <button type="button" className="button" data-testid="explore-resume" onClick={() => c.resume()} disabled={state.source !== current}
          title={state.source !== current ? 'The code has changed since: Explore it again' : 'Go on from where the exploration stopped'}>
          Resume
        </button>
      )}
      {r && (
        <>
          <table className="table">
            <thead><tr><th>schedules</th><th>outcome</th><th /></tr></thead>
            <tbody>
              {r.outcomes.map((o) => (
                <tr key={o.schedule} data-testid="explore-outcome" data-outcome={o.outcome} className={outcomeFailed(o) ? 'explore__failed' : undefined}>
                  <td>{o.count.toLocaleString('en-US')}</td>
                  <td>{describe(o)}</td>
                  <td><button type="button" className="button" data-testid="explore-show" onClick={() => c.show(o)} title={`Replay this schedule: ${o.schedule}`}>Show</button></td>
                </tr>
              ))}
            </tbody>
          </table>
          {r.races.length > 0 && (
            <ul data-testid="explore-races">
              {r.races.map((x) => (
                <li key={`${x.lines.join(',')}@${x.address}`}>
                  data race{x.variable ? <> on <code>{x.variable}</code></> : null}: the {x.kinds[0]} at <LineLink line={x.lines[0]} map={map} /> and the {x.kinds[1]} at <LineLink line={x.lines[1]} map={map} />, {x.bytes} bytes at {x.address}, unordered
                </li>
              ))}
            </ul>
          )}
          {r.findings.length > 0 && (
            <ul data-testid="explore-findings">
              {r.findings.map((f) => (
                <li key={`${f.code}@${f.lines.join(',')}`}>
                  {f.name} at {f.lines.map((l, i) => <span key={l}>{i > 0 ? ', ' : ''}<LineLink line={l} map={map} /></span>)}: {f.named ?? f.message}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
