/* The command registry that the toolbar, the keyboard and the test hook all
   read: one place that says what each command does and when it applies. */
import type { AppState } from '../store';
import type { Actions } from './actions';
import { TRAVEL_COMMANDS, type TravelName } from './travelCommands';

export interface Command {
  name: 'run' | 'stop' | 'share' | 'examples' | 'export' | 'theme' | TravelName;
  label: string;
  shortcut?: string;
  keyTest?: (e: KeyboardEvent) => boolean;
  predicate: (s: AppState) => boolean;
  perform: (actions: Actions, s: AppState) => void;
}

const mod = (e: KeyboardEvent) => e.ctrlKey || e.metaKey;

export const COMMANDS: Command[] = [
  {
    name: 'run',
    label: 'Run',
    shortcut: 'Ctrl+Enter',
    keyTest: (e) => mod(e) && !e.shiftKey && e.key === 'Enter',
    predicate: () => true,
    perform: (a) => a.run(),
  },
  {
    name: 'stop',
    label: 'Stop',
    shortcut: 'Ctrl+Shift+Enter',
    keyTest: (e) => mod(e) && e.shiftKey && e.key === 'Enter',
    predicate: (s) => s.run.status === 'running',
    perform: (a) => a.stop('user'),
  },
  { name: 'examples', label: 'Examples', predicate: () => true, perform: (_a, s) => s.setExamplesOpen(true) },
  { name: 'export', label: 'Export', predicate: () => true, perform: (_a, s) => s.setExportOpen(true) },
  { name: 'share', label: 'Share', predicate: () => true, perform: (a) => void a.share() },
  {
    name: 'theme',
    label: 'Theme',
    predicate: () => true,
    perform: (_a, s) => s.setTheme(s.theme === 'dark' ? 'light' : 'dark'),
  },
  ...TRAVEL_COMMANDS,
];

export function command(name: Command['name']): Command {
  return COMMANDS.find((c) => c.name === name)!;
}

/* Global shortcuts, for when the focus is outside the editor (Monaco handles its own). */
export function handleShortcut(e: KeyboardEvent, actions: Actions, state: AppState): boolean {
  if (e.defaultPrevented) return false;
  const hit = COMMANDS.find((c) => c.keyTest?.(e) && c.predicate(state));
  if (!hit) return false;
  e.preventDefault();
  hit.perform(actions, state);
  return true;
}
