/* The wait-for graph as SVG: nodes on a circle (threads round, objects
   square), arrows thread -> object it waits on -> thread that owns it, the
   deadlock cycle in the error colour. */
import { waitForSelector, waitForWordsSelector } from '../../store/traceSelectors';
import { useApp } from '../context';

const SIZE = 300;
const R = 92;

export function WaitForGraphView() {
  const graph = useApp(waitForSelector);
  const words = useApp(waitForWordsSelector);
  const at = new Map(
    graph.nodes.map((n, i) => {
      const a = (i / Math.max(1, graph.nodes.length)) * 2 * Math.PI - Math.PI / 2;
      return [n.id, { x: SIZE / 2 + R * Math.cos(a), y: SIZE / 2 + R * Math.sin(a) }];
    }),
  );
  return (
    <section className="inspector__section" data-testid="wait-for">
      <h3>Wait-for graph {graph.hasCycle && <span className="badge badge--bad" data-testid="wait-for-cycle">deadlock cycle</span>}</h3>
      {graph.nodes.length === 0 ? (
        <p className="muted">No thread waits for a held object.</p>
      ) : (
        <svg className="wait-for" viewBox={`0 0 ${SIZE} ${SIZE}`} width={SIZE} height={SIZE} role="img"
          aria-label={words.join('. ')}>
          <defs>
            <marker id="wf-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" fill="context-stroke" />
            </marker>
          </defs>
          {graph.edges.map((e) => {
            const a = at.get(e.from)!;
            const b = at.get(e.to)!;
            const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
            /* stop short of the node (radius 13, arrowhead 6): the head never reaches a node or its label */
            const k = 20 / len;
            return (
              <line key={`${e.from}-${e.to}`} x1={a.x + (b.x - a.x) * k} y1={a.y + (b.y - a.y) * k} x2={b.x - (b.x - a.x) * k} y2={b.y - (b.y - a.y) * k}
                className={`wait-for__edge wait-for__edge--${e.kind}${e.onCycle ? ' wait-for__edge--cycle' : ''}`} markerEnd="url(#wf-arrow)" />
            );
          })}
          {graph.nodes.map((n) => {
            const p = at.get(n.id)!;
            const cls = `wait-for__node${n.onCycle ? ' wait-for__node--cycle' : ''}`;
            return (
              <g key={n.id} className={cls}>
                {n.kind === 'thread' ? <circle cx={p.x} cy={p.y} r={13} /> : <rect x={p.x - 12} y={p.y - 12} width={24} height={24} rx={3} />}
                <text x={p.x} y={p.y + 26} textAnchor="middle">{n.label}</text>
              </g>
            );
          })}
        </svg>
      )}
      {graph.nodes.length > 0 && (
        <p className="wait-for__key" data-testid="wait-for-key">
          <span><svg width="26" height="8" aria-hidden="true"><line x1="1" y1="4" x2="25" y2="4" className="wait-for__edge" /></svg>waits for</span>
          <span><svg width="26" height="8" aria-hidden="true"><line x1="1" y1="4" x2="25" y2="4" className="wait-for__edge wait-for__edge--owns" /></svg>is owned by</span>
          <span><svg width="26" height="8" aria-hidden="true"><line x1="1" y1="4" x2="25" y2="4" className="wait-for__edge wait-for__edge--cycle" /></svg>on a cycle</span>
        </p>
      )}
      {words.length > 0 && (
        <ul className="wait-for__words" data-testid="wait-for-words">
          {words.map((w, i) => <li key={i}>{w}</li>)}
        </ul>
      )}
    </section>
  );
}
