/* The timeline's palette. State colours are fixed for meaning; each lock
   gets its own hue, stable across runs (from its id). */
import { MARK, STATE } from '../../trace/timeline-model';

export interface Palette {
  bg: string;
  text: string;
  muted: string;
  grid: string;
  accent: string;
  state: Record<number, string>;
  marker: Record<number, string>;
  irql: (level: number) => string;
  lock: (object: number, depth: number) => string;
  /* a shared hold's fill (its edges are lock()), and a block of many short holds */
  lockShared: (object: number) => string;
  lockDense: (object: number) => string;
  /* Each thread's own colour: its CPU time on the CPU lanes, the swatch by its lane. */
  thread: (id: number) => string;
  arrow: string;
  playhead: string;
}

const lockHue = (object: number) => (object * 137) % 360;

export function palette(dark: boolean): Palette {
  return {
    bg: dark ? '#1f1f24' : '#ffffff',
    text: dark ? '#e8e8ee' : '#1d1d22',
    muted: dark ? '#a3a3b2' : '#5d5d6b',
    grid: dark ? '#33333c' : '#ececf1',
    accent: dark ? '#4c9be8' : '#0b5cad',
    state: {
      [STATE.READY]: dark ? '#4b5563' : '#cbd5e1',
      [STATE.RUNNING]: dark ? '#22a355' : '#34a853',
      [STATE.WAITING]: dark ? '#d9822b' : '#f0a03c',
      [STATE.SPINNING]: dark ? '#e5484d' : '#dc2626',
      [STATE.DPC]: dark ? '#9b6dd6' : '#7c3aed',
    },
    marker: {
      [MARK.PRINT]: dark ? '#8ab4f8' : '#1a73e8',
      [MARK.WDKM_ERROR]: '#dc2626',
      [MARK.BUGCHECK]: '#0a4fa3',
      [MARK.LEAK]: '#ca8a04',
      [MARK.FINDING]: '#ea580c',
      [MARK.DEADLOCK]: '#b91c1c',
      [MARK.ASSERT]: '#be123c',
      [MARK.TRY_FAIL]: dark ? '#a3a3b2' : '#6b7280',
      [MARK.RUN_END]: dark ? '#e8e8ee' : '#1d1d22',
    },
    irql: (level) => (level >= 3 ? '#b91c1c' : level === 2 ? '#7c3aed' : '#0891b2'),
    lock: (object, depth) => `hsl(${lockHue(object)} 60% ${Math.max(30, (dark ? 58 : 48) - (depth - 1) * 8)}%)`,
    lockShared: (object) => `hsl(${lockHue(object)} ${dark ? '35% 24%' : '70% 88%'})`,
    lockDense: (object) => `hsl(${lockHue(object)} ${dark ? '22% 42%' : '25% 45%'})`,
    thread: (id) => `hsl(${(id * 73 + 190) % 360} ${dark ? '55% 60%' : '65% 42%'})`,
    arrow: dark ? '#e8e8ee' : '#334155',
    playhead: dark ? '#ffb86b' : '#c2410c',
  };
}

/* A CPU lane's span: running time in the colour of the thread it runs (the
   span's object is that thread), other states in their fixed colours. */
export function cpuSpanColor(p: Palette, state: number, object: number): string {
  return state === STATE.RUNNING && object > 0 ? p.thread(object) : (p.state[state] ?? p.muted);
}
