/* The canvas host. It renders once; the model, the moment, the CPU lanes and
   the theme reach the controller through a store subscription, never through
   React renders. The controller is handed up for the PNG export. */
import { memo, useEffect, useRef, type ReactNode } from 'react';
import { describeEvent } from '../../trace/describe';
import { momentIndexSelector, namerSelector, timelineModelSelector, viewEventsSelector } from '../../store/traceSelectors';
import type { AppState } from '../../store';
import { lineMapSelector } from '../../store/selectors';
import { useActions, useAppStore } from '../context';
import { TimelineController } from './controller';
import { MINIMAP_H } from './minimap';

/* `overlay` sits over the canvas's bottom right corner (the stale notice), so it moves nothing. */
export const TimelineCanvas = memo(function TimelineCanvas({ onController, overlay }: { onController: (c: TimelineController | null) => void; overlay?: ReactNode }) {
  const store = useAppStore();
  const actions = useActions();
  const canvas = useRef<HTMLCanvasElement>(null);
  const minimap = useRef<HTMLCanvasElement>(null);
  const tooltip = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const controller = new TimelineController(canvas.current!, minimap.current!, tooltip.current!, {
      onSelect: (i) => actions.selectEvent(i),
      describe: (i) => {
        const s = store.getState();
        const e = viewEventsSelector(s).get(i);
        return e ? describeEvent(e, namerSelector(s), { lineNow: lineMapSelector(s) }) : '';
      },
    });
    const sync = (s: AppState) => {
      const model = timelineModelSelector(s);
      controller.setModel(model.eventCount > 0 ? model : null, s.showCpus);
      controller.setMoment(momentIndexSelector(s));
      controller.setDark(s.theme === 'dark');
    };
    sync(store.getState());
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.run !== prev.run || s.moment !== prev.moment || s.showCpus !== prev.showCpus || s.theme !== prev.theme || s.manual !== prev.manual || s.schedule !== prev.schedule) sync(s);
    });
    onController(controller);
    return () => {
      unsubscribe();
      onController(null);
      controller.dispose();
    };
  }, [store, actions, onController]);

  return (
    <div className="timeline__stage">
      <canvas
        ref={canvas}
        className="timeline__canvas"
        data-testid="timeline-canvas"
        tabIndex={0}
        aria-label="Timeline: wheel or W/S zoom, drag or A/D pan, 0 fits, click selects an event"
      />
      <canvas ref={minimap} className="timeline__minimap" style={{ height: MINIMAP_H }} aria-label="Minimap: click to centre the view" />
      <div ref={tooltip} className="timeline__tooltip" role="tooltip" hidden />
      {overlay}
    </div>
  );
});
