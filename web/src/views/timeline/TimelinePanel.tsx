/* The run's timeline: time-travel controls, manual scheduling, the canvas
   with its minimap, and the lanes in words. */
import { useCallback, useRef } from 'react';
import { toPerfetto } from '../../trace';
import { namerSelector, viewEventsSelector } from '../../store/traceSelectors';
import { useAppStore } from '../context';
import { downloadBlob } from './download';
import { ManualPanel } from './ManualPanel';
import { TimelineCanvas } from './TimelineCanvas';
import type { TimelineController } from './controller';
import { TimelineSummary } from './TimelineSummary';
import { TravelBar } from './TravelBar';
import { StaleNotice } from '../results/StaleNotice';


export function TimelinePanel() {
  const controller = useRef<TimelineController | null>(null);
  const onController = useCallback((c: TimelineController | null) => {
    controller.current = c;
  }, []);
  const store = useAppStore();
  const exportPng = useCallback(() => {
    controller.current?.canvasElement.toBlob((blob) => blob && downloadBlob(blob, 'timeline.png'), 'image/png');
  }, []);
  /* the branch `cli`'s converter: Chrome Trace Event JSON, which ui.perfetto.dev opens */
  const exportPerfetto = useCallback(() => {
    const json = JSON.stringify(toPerfetto(viewEventsSelector(store.getState()), namerSelector(store.getState())));
    downloadBlob(new Blob([json], { type: 'application/json' }), 'trace.perfetto.json');
  }, [store]);
  return (
    <section className="timeline" data-testid="timeline" aria-label="Timeline">
      <TravelBar onExportPng={exportPng} onExportPerfetto={exportPerfetto} onZoom={(kind) => controller.current?.zoom(kind)} />
      <StaleNotice what="This timeline is" />
      <ManualPanel />
      <TimelineCanvas onController={onController} />
      <TimelineSummary />
    </section>
  );
}
