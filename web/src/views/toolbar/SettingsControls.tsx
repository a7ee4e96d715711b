/* CPUs, scheduling policy, seed and budget: everything but the source that
   determines a run. */
import { useId } from 'react';
import { LIMITS, POLICIES, type Policy } from '../../settings';
import { useApp } from '../context';

const POLICY_LABELS: Record<Policy, string> = {
  timed: 'Timed',
  rr: 'Round robin',
  random: 'Seeded random',
  pct: 'PCT',
  explore: 'Explore (every thread, timers when chosen)',
};

function NumberField(props: { label: string; value: number; min: number; max: number; testId: string; onChange: (n: number) => void; width: string }) {
  const id = useId();
  return (
    <label className="field" htmlFor={id}>
      <span className="field__label">{props.label}</span>
      <input
        id={id}
        className="field__input"
        style={{ width: props.width }}
        type="number"
        inputMode="numeric"
        min={props.min}
        max={props.max}
        value={props.value}
        data-testid={props.testId}
        onChange={(e) => {
          const n = e.currentTarget.valueAsNumber;
          if (Number.isFinite(n)) props.onChange(n);
        }}
      />
    </label>
  );
}

export function SettingsControls() {
  const settings = useApp((s) => s.settings);
  const update = useApp((s) => s.updateSettings);
  const policyId = useId();
  return (
    <div className="toolbar__group settings" role="group" aria-label="Run settings">
      <NumberField label="CPUs" value={settings.cpus} min={LIMITS.cpus.min} max={LIMITS.cpus.max} testId="cpus" width="3.5em" onChange={(cpus) => update({ cpus })} />
      <label className="field" htmlFor={policyId}>
        <span className="field__label">Policy</span>
        <select
          id={policyId}
          className="field__input"
          value={settings.policy}
          data-testid="policy"
          onChange={(e) => update({ policy: e.currentTarget.value as Policy })}
        >
          {POLICIES.map((p) => (
            <option key={p} value={p}>
              {POLICY_LABELS[p]}
            </option>
          ))}
        </select>
      </label>
      <NumberField label="Seed" value={settings.seed} min={LIMITS.seed.min} max={LIMITS.seed.max} testId="seed" width="5.5em" onChange={(seed) => update({ seed })} />
      <NumberField label="Budget" value={settings.budget} min={LIMITS.budget.min} max={LIMITS.budget.max} testId="budget" width="6.5em" onChange={(budget) => update({ budget })} />
    </div>
  );
}
