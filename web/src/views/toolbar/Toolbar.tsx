/* The top bar: run and stop, the run settings, examples, share, theme. */
import { command } from '../../app/commands';
import { isRunningSelector } from '../../store/selectors';
import { useActions, useApp, useAppStore } from '../context';
import { ExploreButton } from '../explore/ExplorePanel';
import { HelpPanel } from './HelpPanel';
import { SettingsControls } from './SettingsControls';

export function Toolbar() {
  const running = useApp(isRunningSelector);
  const theme = useApp((s) => s.theme);
  const actions = useActions();
  const store = useAppStore();
  const perform = (name: Parameters<typeof command>[0]) => command(name).perform(actions, store.getState());
  const run = command('run');
  const stop = command('stop');
  return (
    <header className="toolbar">
      <h1 className="toolbar__title">wdk-mutex playground</h1>
      <div className="toolbar__group" role="group" aria-label="Run">
        <button type="button" id="toolbar-run" className="button button--primary" data-testid="run" onClick={() => perform('run')} title={`${run.label} (${run.shortcut})`}>
          ▶ {run.label}
        </button>
        <button type="button" className="button" data-testid="stop" onClick={() => perform('stop')} disabled={!running} title={`${stop.label} (${stop.shortcut})`}>
          ■ {stop.label}
        </button>
        <ExploreButton />
      </div>
      <SettingsControls />
      <div className="toolbar__group toolbar__group--end">
        <a className="button" href="#/learn" data-testid="learn">Learn</a>
        <button type="button" className="button" data-testid="examples" onClick={() => perform('examples')}>
          Examples
        </button>
        <button type="button" className="button" data-testid="export" onClick={() => perform('export')}>
          Export
        </button>
        <button type="button" className="button" data-testid="share" onClick={() => perform('share')}>
          Share
        </button>
        <HelpPanel />
        <button
          type="button"
          className="button"
          data-testid="theme"
          aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
          onClick={() => perform('theme')}
        >
          {theme === 'dark' ? '☀' : '☾'}
        </button>
      </div>
    </header>
  );
}
