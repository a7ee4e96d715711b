/* The wait-for graph at a moment: a thread points at each object it waits or
   spins on, an object at each thread that owns it. Edges on a cycle (a
   strongly connected part with more than one node) are the deadlock. */
import type { MomentState } from './moment';
import { makeNamer, type Namer } from './names';

export interface WaitNode {
  id: string; /* "t3" or "o5" */
  kind: 'thread' | 'object';
  label: string;
  onCycle: boolean;
}

export interface WaitEdge {
  from: string;
  to: string;
  kind: 'waits' | 'owns';
  onCycle: boolean;
}

export interface WaitForGraph {
  nodes: WaitNode[];
  edges: WaitEdge[];
  hasCycle: boolean;
}

/* Tarjan's strongly connected components, iterative enough for a few hundred nodes. */
function components(ids: string[], out: Map<string, string[]>): Map<string, number> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const comp = new Map<string, number>();
  const stack: string[] = [];
  let next = 0;
  let count = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    for (const w of out.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (!comp.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      let w: string;
      do {
        w = stack.pop()!;
        comp.set(w, count);
      } while (w !== v);
      count++;
    }
  };
  for (const id of ids) if (!index.has(id)) visit(id);
  return comp;
}

export function waitForGraph(state: MomentState, names: Namer = makeNamer([])): WaitForGraph {
  const edges: WaitEdge[] = [];
  const used = new Set<string>();
  const add = (from: string, to: string, kind: WaitEdge['kind']) => {
    edges.push({ from, to, kind, onCycle: false });
    used.add(from).add(to);
  };
  for (const t of state.threads) {
    if (t.state === 'exited') continue;
    for (const o of t.waitingOn) add(`t${t.id}`, `o${o}`, 'waits');
    if (t.spinningOn) add(`t${t.id}`, `o${t.spinningOn}`, 'waits');
  }
  for (const o of state.objects) {
    if (o.owner) add(`o${o.id}`, `t${o.owner}`, 'owns');
    for (const s of o.sharedOwners) add(`o${o.id}`, `t${s}`, 'owns');
  }
  const ids = [...used];
  const out = new Map<string, string[]>();
  for (const e of edges) out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
  const comp = components(ids, out);
  const size = new Map<number, number>();
  for (const c of comp.values()) size.set(c, (size.get(c) ?? 0) + 1);
  const cyclic = (id: string) => (size.get(comp.get(id)!) ?? 0) > 1;
  for (const e of edges) e.onCycle = cyclic(e.from) && comp.get(e.from) === comp.get(e.to);
  const typeOf = new Map(state.objects.map((o) => [o.id, o.type]));
  const objectLabel = (n: number) => (names.objectVariable(n) ? names.object(n) : `${typeOf.get(n) ?? names.objectType(n)} #${n}`);
  const nodes = ids
    .sort((x, y) => x[0]!.localeCompare(y[0]!) * -1 || Number(x.slice(1)) - Number(y.slice(1)))
    .map((id): WaitNode => {
      const n = Number(id.slice(1));
      const kind = id[0] === 't' ? 'thread' : 'object';
      const label = kind === 'thread' ? names.thread(n) : objectLabel(n);
      return { id, kind, label, onCycle: cyclic(id) };
    });
  return { nodes, edges, hasCycle: edges.some((e) => e.onCycle) };
}

/* Why a thread cannot move at this moment, in words (null: it can). */
export function blockedReason(state: MomentState, id: number, names: Namer = makeNamer([])): string | null {
  const t = state.threads.find((x) => x.id === id);
  if (!t) return 'not created yet';
  if (t.state === 'exited') return 'exited';
  const byId = new Map(state.objects.map((o) => [o.id, o]));
  const describe = (verb: string, oid: number) => {
    const o = byId.get(oid);
    const name = names.objectVariable(oid) ? names.objectWords(oid) : `${o?.type ?? names.objectType(oid)} #${oid}`;
    const owner = o?.owner ? ` owned by ${names.threadWords(o.owner)}` : '';
    return `${verb} ${name}${owner}`;
  };
  if (t.state === 'spinning' && t.spinningOn) return describe('spinning on', t.spinningOn);
  if (t.state === 'waiting' && t.waitingOn.length > 0) return t.waitingOn.map((o) => describe('waiting on', o)).join('; ');
  if (t.state === 'waiting') return 'waiting (a delay or timeout)';
  return null;
}

/* The graph in words, one sentence per waiting thread, for screen readers and
   the text under the drawing: "Thread 2 (ThreadA) waits for KMUTEX #3
   (Second), owned by Thread 3 (ThreadB)". */
export function waitForWords(state: MomentState, names: Namer = makeNamer([])): string[] {
  const byId = new Map(state.objects.map((o) => [o.id, o]));
  const object = (oid: number) => {
    const o = byId.get(oid);
    return names.objectVariable(oid) ? names.objectWords(oid) : `${o?.type ?? names.objectType(oid)} #${oid}`;
  };
  const owners = (oid: number) => {
    const o = byId.get(oid);
    if (!o) return '';
    if (o.owner) return `, owned by ${names.threadWords(o.owner)}`;
    if (o.sharedOwners.length) return `, held shared by ${o.sharedOwners.map(names.threadWords).join(' and ')}`;
    return '';
  };
  const out: string[] = [];
  for (const t of state.threads) {
    if (t.state === 'exited') continue;
    for (const oid of t.waitingOn) out.push(`${names.threadWords(t.id)} waits for ${object(oid)}${owners(oid)}`);
    if (t.spinningOn) out.push(`${names.threadWords(t.id)} spins on ${object(t.spinningOn)}${owners(t.spinningOn)}`);
  }
  return out;
}
