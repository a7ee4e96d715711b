/* CPUs, scheduling policy, seed and budget: everything but the source that
   determines a run. A value out of range is refused with the settings
   module's message (never clamped); the seed is disabled under the policies
   that do not use it; each policy says what it does where it is chosen. */
import { useEffect, useId, useState } from 'react';
import { LIMITS, parseSetting, POLICIES, type MachineSettings, type Policy } from '../../settings';
import { useApp } from '../context';

const POLICY_LABELS: Record<Policy, string> = {
  timed: 'Timed',
  rr: 'Round robin',
  random: 'Seeded random',
  pct: 'PCT',
  explore: 'Explore',
};

/* What each policy does, in a sentence (docs/emulator.md has the detail). */
export const POLICY_HELP: Record<Policy, string> = {
  timed: 'Timed: the CPU furthest behind in virtual time moves, as real hardware would; the same every run, no seed.',
  rr: 'Round robin: each choice goes to the next thread by id, preempting at every choice; no seed.',
  random: 'Seeded random: each choice is drawn from the seed; change the seed for another interleaving.',
  pct: 'PCT: random thread priorities with a few change points, from the seed; finds ordering bugs with few tries.',
  explore: 'Explore: every thread is a candidate at every choice, timers fire when chosen; the seed picks the path.',
};

const USES_SEED: ReadonlySet<Policy> = new Set(['random', 'pct', 'explore']);

type NumberSetting = 'cpus' | 'seed' | 'budget';

function NumberField(props: { setting: NumberSetting; label: string; value: number; testId: string; width: string; disabled?: boolean; title?: string; onChange: (n: number) => void }) {
  const id = useId();
  const [text, setText] = useState(String(props.value));
  const [problem, setProblem] = useState<string | null>(null);
  /* the store changed from elsewhere (a share link, a reset): show it */
  useEffect(() => {
    setText(String(props.value));
    setProblem(null);
  }, [props.value]);
  const limits = LIMITS[props.setting];
  return (
    <label className="field" htmlFor={id} title={props.title}>
      <span className="field__label">{props.label}</span>
      <span className="field__box">
        <input
          id={id}
          className={`field__input${problem ? ' field__input--bad' : ''}`}
          style={{ width: props.width }}
          type="text"
          inputMode="numeric"
          value={text}
          disabled={props.disabled}
          data-testid={props.testId}
          aria-invalid={problem !== null}
          aria-describedby={problem ? `${id}-problem` : undefined}
          aria-label={`${props.label} (${limits.min} to ${limits.max})`}
          onChange={(e) => {
            const next = e.currentTarget.value;
            setText(next);
            const parsed = parseSetting(props.setting, next.trim());
            if (parsed.ok) {
              setProblem(null);
              props.onChange(parsed.value as number);
            } else setProblem(parsed.problem.message);
          }}
        />
        {problem && (
          <span id={`${id}-problem`} className="field__problem" role="alert" data-testid={`${props.testId}-problem`}>
            {problem}
          </span>
        )}
      </span>
    </label>
  );
}

export function SettingsControls() {
  const settings = useApp((s) => s.settings);
  const update = useApp((s) => s.updateSettings);
  const policyId = useId();
  const set = (patch: Partial<MachineSettings>) => update(patch);
  const seedUsed = USES_SEED.has(settings.policy);
  return (
    <div className="toolbar__group settings" role="group" aria-label="Run settings">
      <NumberField setting="cpus" label="CPUs" value={settings.cpus} testId="cpus" width="3.5em" onChange={(cpus) => set({ cpus })} />
      <label className="field" htmlFor={policyId}>
        <span className="field__label">Policy</span>
        <select
          id={policyId}
          className="field__input"
          value={settings.policy}
          data-testid="policy"
          title={POLICY_HELP[settings.policy]}
          aria-describedby={`${policyId}-help`}
          onChange={(e) => set({ policy: e.currentTarget.value as Policy })}
        >
          {POLICIES.map((p) => (
            <option key={p} value={p} title={POLICY_HELP[p]}>
              {POLICY_LABELS[p]}
            </option>
          ))}
        </select>
      </label>
      <NumberField setting="seed" label="Seed" value={settings.seed} testId="seed" width="5.5em" disabled={!seedUsed}
        title={seedUsed ? 'The seed of the random choices' : `${POLICY_LABELS[settings.policy]} does not use a seed`} onChange={(seed) => set({ seed })} />
      <NumberField setting="budget" label="Budget" value={settings.budget} testId="budget" width="6.5em" title="Steps before a run ends as out of budget" onChange={(budget) => set({ budget })} />
      <p id={`${policyId}-help`} className="settings__help" data-testid="policy-help">{POLICY_HELP[settings.policy]}</p>
    </div>
  );
}
