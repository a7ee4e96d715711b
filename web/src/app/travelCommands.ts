/* Time-travel commands for the registry (./commands.ts). Alt+arrows, so
   that typing in the editor never moves the moment: when Monaco has the
   focus and the key means something there, it handles it first. */
import { viewEventsSelector } from '../store/traceSelectors';
import type { AppState } from '../store';
import type { Command } from './commands';

export type TravelName = 'stepForward' | 'stepBack' | 'nextChoice' | 'prevChoice' | 'nextError' | 'prevError' | 'manual';

const hasTrace = (s: AppState) => viewEventsSelector(s).length > 0;
const arrow = (key: string, shift: boolean) => (e: KeyboardEvent) =>
  e.altKey && !e.ctrlKey && !e.metaKey && e.shiftKey === shift && e.key === key;

export const TRAVEL_COMMANDS: (Command & { name: TravelName })[] = [
  { name: 'stepBack', label: 'Step back', shortcut: 'Alt+←', keyTest: arrow('ArrowLeft', false), predicate: hasTrace, perform: (a) => a.step(-1) },
  { name: 'stepForward', label: 'Step forward', shortcut: 'Alt+→', keyTest: arrow('ArrowRight', false), predicate: hasTrace, perform: (a) => a.step(1) },
  { name: 'prevChoice', label: 'Previous choice', shortcut: 'Alt+Shift+←', keyTest: arrow('ArrowLeft', true), predicate: hasTrace, perform: (a) => a.stepChoice(-1) },
  { name: 'nextChoice', label: 'Next choice', shortcut: 'Alt+Shift+→', keyTest: arrow('ArrowRight', true), predicate: hasTrace, perform: (a) => a.stepChoice(1) },
  { name: 'prevError', label: 'Previous error', shortcut: 'Alt+Shift+E', keyTest: (e) => e.altKey && e.shiftKey && e.code === 'KeyE', predicate: hasTrace, perform: (a) => a.jumpToError(-1) },
  { name: 'nextError', label: 'Next error', shortcut: 'Alt+E', keyTest: (e) => e.altKey && !e.shiftKey && e.code === 'KeyE', predicate: hasTrace, perform: (a) => a.jumpToError(1) },
  { name: 'manual', label: 'Manual scheduling', predicate: () => true, perform: (a, s) => a.setManual(!s.manual) },
];
