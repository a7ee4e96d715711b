/* The wait-for graph as SVG: nodes on a circle (threads round, objects
   square), arrows thread -> object it waits on -> thread that owns it, the
   deadlock cycle in the error colour. */
import { waitForSelector, waitForWordsSelector } from '../../store/traceSelectors';
import { useApp } from '../context';

const SIZE = 300;
const R = 92;

type Point = { x: number; y: number };
type Box = { left: number; right: number; top: number; bottom: number };

/* The box round a node (radius 13) and its label below it (10 px text,
   centred 26 px under the node), widened by MARGIN. The label's width is
   estimated, generously, from its length: the SVG is drawn before it can be
   measured. */
const MARGIN = 5;
const CHAR = 6.2;
function boxOf(p: Point, text: string): Box {
  const half = Math.max(13, (text.length * CHAR) / 2);
  return { left: p.x - half - MARGIN, right: p.x + half + MARGIN, top: p.y - 13 - MARGIN, bottom: p.y + 30 + MARGIN };
}

/* Where the segment from p (inside box) towards q leaves the box. */
function leave(p: Point, q: Point, box: Box): [number, number] {
  const dx = q.x - p.x;
  const dy = q.y - p.y;
  const tx = dx > 0 ? (box.right - p.x) / dx : dx < 0 ? (box.left - p.x) / dx : Infinity;
  const ty = dy > 0 ? (box.bottom - p.y) / dy : dy < 0 ? (box.top - p.y) / dy : Infinity;
  const t = Math.min(tx, ty, 1);
  return [p.x + dx * t, p.y + dy * t];
}

export function WaitForGraphView() {
  const graph = useApp(waitForSelector);
  const words = useApp(waitForWordsSelector);
  const at = new Map(
    graph.nodes.map((n, i) => {
      const a = (i / Math.max(1, graph.nodes.length)) * 2 * Math.PI - Math.PI / 2;
      return [n.id, { x: SIZE / 2 + R * Math.cos(a), y: SIZE / 2 + R * Math.sin(a) }];
    }),
  );
  const label = new Map(graph.nodes.map((n) => [n.id, n.label]));
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
            /* each end stops at the box round its node and label (plus a margin): the head never covers a label */
            const [x1, y1] = leave(a, b, boxOf(a, label.get(e.from) ?? ''));
            const [x2, y2] = leave(b, a, boxOf(b, label.get(e.to) ?? ''));
            return (
              <line key={`${e.from}-${e.to}`} x1={x1} y1={y1} x2={x2} y2={y2}
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
