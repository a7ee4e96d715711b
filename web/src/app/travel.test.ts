import { describe, expect, it, vi } from 'vitest';
import { completedResult, finished } from '../engine/fixtures.test-data';
import { encodeTrace } from '../trace/encode';
import { contendedMutex, lockOrderDeadlock } from '../trace/testing';
import type { TraceEvent } from '../trace';
import { createAppStore } from '../store';
import { bannerSelector, highlightsSelector, outcomeSelector, runSettingsSelector } from '../store/selectors';
import { manualChoiceSelector, momentIndexSelector, momentStateSelector, viewEventsSelector } from '../store/traceSelectors';
import type { Actions } from './actions';
import { handleShortcut } from './commands';
import { createTravelActions } from './travel';

function setup(events: TraceEvent[] = contendedMutex()) {
  const store = createAppStore();
  const run = vi.fn();
  const travel = createTravelActions(store, run);
  const runId = store.getState().beginRun(0);
  store.getState().finishRun(runId, finished(completedResult({ trace: encodeTrace(events) })));
  return { store, run, travel, s: () => store.getState() };
}

describe('time travel', () => {
  it('starts at the last event and steps back and forth one event at a time, clamped', () => {
    const { travel, s } = setup();
    expect(momentIndexSelector(s())).toBe(23);
    travel.step(-1);
    expect(s().moment).toBe(22);
    travel.step(1);
    travel.step(1);
    expect(s().moment).toBe(23);
    travel.selectEvent(-5);
    expect(s().moment).toBe(0);
  });

  it('shows the selected event’s line in the editor and highlights it', () => {
    const { travel, s } = setup();
    travel.selectEvent(14); /* RELEASE at line 12 */
    expect(s().reveal?.line).toBe(12);
    expect(highlightsSelector(s())).toContainEqual(expect.objectContaining({ line: 12, kind: 'moment' }));
    expect(momentStateSelector(s()).objects.find((o) => o.id === 5)).toMatchObject({ owner: 2, recursion: 1 });
  });

  it('jumps to choice points, errors and the next wait on the selected object', () => {
    const { travel, s } = setup();
    travel.selectEvent(0);
    travel.stepChoice(1);
    expect(s().moment).toBe(10);
    travel.selectEvent(8); /* T2 acquires KMUTEX 5 */
    travel.jumpToWaitOnObject(1);
    expect(s().moment).toBe(11);
    const d = setup(lockOrderDeadlock());
    d.travel.selectEvent(0);
    d.travel.jumpToError(1);
    expect(d.s().moment).toBe(12);
  });

  it('Alt+arrows step through the command registry', () => {
    const { travel, s, store } = setup();
    const actions = travel as unknown as Actions;
    const key = (init: KeyboardEventInit) => ({ altKey: false, shiftKey: false, ctrlKey: false, metaKey: false, ...init, defaultPrevented: false, preventDefault() {} }) as unknown as KeyboardEvent;
    expect(handleShortcut(key({ key: 'ArrowLeft', altKey: true }), actions, store.getState())).toBe(true);
    expect(s().moment).toBe(22);
    expect(handleShortcut(key({ key: 'ArrowLeft', altKey: true, shiftKey: true }), actions, store.getState())).toBe(true);
    expect(s().moment).toBe(10);
  });
});

describe('manual scheduling', () => {
  it('starts from no picks, re-runs on each pick, undo pops the last one', () => {
    const { travel, run, s } = setup();
    travel.setManual(true);
    expect([s().manual, s().schedule, run.mock.calls.length]).toEqual([true, [], 1]);
    travel.pick(3);
    travel.pick(2);
    expect(s().schedule).toEqual([3, 2]);
    travel.undoPick();
    expect([s().schedule, run.mock.calls.length]).toEqual([[3], 4]);
  });

  it('cuts the view at the first choice beyond the picks and offers its candidates, the others with a reason', () => {
    const { travel, s } = setup();
    travel.setManual(true);
    expect(viewEventsSelector(s())).toHaveLength(11); /* up to the CHOICE at index 10 */
    const choice = manualChoiceSelector(s())!;
    expect(choice.choice).toBe(0);
    expect(choice.options).toEqual([
      { thread: 1, enabled: false, reason: 'waiting (a delay or timeout)', line: 3, statement: '' },
      { thread: 2, enabled: true, reason: null, line: 11, statement: '' },
      { thread: 3, enabled: true, reason: null, line: 10, statement: '' },
    ]);
    s().setSchedule([3]); /* beyond the last choice: the whole run, nothing to decide */
    expect(viewEventsSelector(s())).toHaveLength(24);
    expect(manualChoiceSelector(s())).toBeNull();
  });
});

describe('deciding a choice in manual mode', () => {
  it('gives each thread its next line and statement from the run’s source, and marks the lines in the editor', () => {
    const store = createAppStore();
    const travel = createTravelActions(store, vi.fn());
    const source = Array.from({ length: 14 }, (_, i) => `stmt${i + 1}();`).join('\n');
    const runId = store.getState().beginRun(0, { source, settings: runSettingsSelector(store.getState()) });
    store.getState().finishRun(runId, finished(completedResult({ trace: encodeTrace(contendedMutex()) })));
    store.getState().setSource(source);
    travel.setManual(true);
    const options = manualChoiceSelector(store.getState())!.options;
    /* Thread 2 acquired at line 10 and goes on to line 11; thread 3 waits at line 10 next. */
    expect(options.map((o) => [o.thread, o.line, o.statement])).toEqual([[1, 3, 'stmt3();'], [2, 11, 'stmt11();'], [3, 10, 'stmt10();']]);
    const marks = highlightsSelector(store.getState()).filter((h) => h.kind === 'thread');
    expect(marks.map((h) => [h.line, h.label])).toEqual([
      [3, 'Thread 1 · DriverEntry is here (waiting (a delay or timeout))'],
      [11, 'Thread 2 runs this line next'],
      [10, 'Thread 3 runs this line next'],
    ]);
    travel.setManual(false);
    expect(highlightsSelector(store.getState()).some((h) => h.kind === 'thread')).toBe(false);
  });

  it('replaces the previous run’s banner by the pending choice, and shows the outcome once no choice is left', () => {
    const { travel, s } = setup();
    expect(bannerSelector(s()).title).toMatch(/^Completed/);
    travel.setManual(true);
    expect(bannerSelector(s())).toMatchObject({ tone: 'idle', title: 'Manual scheduling: choice 0' });
    s().setSchedule([3]); /* past the last choice */
    expect(bannerSelector(s())).toBe(outcomeSelector(s()));
  });
});

describe('an unreadable trace', () => {
  it('leaves the views empty and says why', async () => {
    const { traceErrorSelector } = await import('../store/traceSelectors');
    const store = createAppStore();
    const runId = store.getState().beginRun(0);
    store.getState().finishRun(runId, finished(completedResult({ trace: new Uint8Array([1, 2, 3]) })));
    expect(viewEventsSelector(store.getState()).length).toBe(0);
    expect(traceErrorSelector(store.getState())).toMatch(/WDKT/);
    expect(momentIndexSelector(store.getState())).toBe(-1);
  });
});
