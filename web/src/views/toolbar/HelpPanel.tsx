/* Help: the keyboard shortcuts (from the command registry), how to leave the
   editor from the keyboard, what a scenario may contain, and where the docs are. */
import { COMMANDS } from '../../app/commands';

export function HelpPanel() {
  const shortcuts = COMMANDS.filter((c) => c.shortcut);
  return (
    <details className="help" data-testid="help">
      <summary className="button">Help</summary>
      <div className="help__body" role="region" aria-label="Help">
        <h2>Keyboard</h2>
        <ul className="help__keys" data-testid="help-shortcuts">
          {shortcuts.map((c) => (
            <li key={c.name}><kbd>{c.shortcut}</kbd> {c.label}</li>
          ))}
          <li><kbd>Esc</kbd> then <kbd>Tab</kbd> leaves the editor (Tab inside it indents)</li>
          <li><kbd>W</kbd>/<kbd>S</kbd> zoom, <kbd>A</kbd>/<kbd>D</kbd> pan, <kbd>0</kbd> fits the timeline when it has the focus</li>
        </ul>
        <h2>The scenario language</h2>
        <p>
          A scenario is a small driver in C: <code>DriverEntry</code>, the threads it starts with <code>PsCreateSystemThread</code>,
          an unload routine, DPCs, and the wdkm and kernel routines the editor completes (hover one for its IRQL and what it does).
          The subset and every refusal: <code>docs/scenario-language.md</code>; the emulated kernel: <code>docs/emulator.md</code>;
          the command line: <code>docs/cli.md</code>, in the playground&apos;s repository.
        </p>
        <h2>References</h2>
        <ul>
          <li><a href="https://docs.rs/wdk-mutex" target="_blank" rel="noreferrer">The wdk-mutex crate&apos;s API</a></li>
          <li><a href="https://learn.microsoft.com/windows-hardware/drivers/kernel/introduction-to-kernel-dispatcher-objects" target="_blank" rel="noreferrer">Kernel dispatcher objects</a></li>
          <li><a href="https://learn.microsoft.com/windows-hardware/drivers/debugger/bug-check-code-reference2" target="_blank" rel="noreferrer">Bug check code reference</a></li>
        </ul>
      </div>
    </details>
  );
}
