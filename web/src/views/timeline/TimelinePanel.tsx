/* The run's timeline: time-travel controls, manual scheduling, the canvas
   with its minimap, and the lanes in words. */
import { useCallback, useRef } from 'react';
import { toPerfetto } from '../../trace';
import { toArray } from '../../trace/events';
import { namerSelector, viewEventsSelector } from '../../store/traceSelectors';
import { useAppStore } from '../context';
import { downloadBlob } from './download';
import { ManualPanel } from './ManualPanel';
import { TimelineCanvas } from './TimelineCanvas';
import type { TimelineController } from './controller';
import { TimelineSummary } from './TimelineSummary';
import { TravelBar } from './TravelBar';
import { palette } from './colors';
import { LEGEND_H, legendItems, paintLegend } from './legend';
import { TimelineLegend } from './TimelineLegend';
import { StaleNotice } from '../results/StaleNotice';


export function TimelinePanel() {
  const controller = useRef<TimelineController | null>(null);
  const onController = useCallback((c: TimelineController | null) => {
    controller.current = c;
  }, []);
  const store = useAppStore();
  /* the canvas with the legend painted under it */
  const exportPng = useCallback(() => {
    const source = controller.current?.canvasElement;
    if (!source) return;
    const dpr = window.devicePixelRatio || 1;
    const p = palette(store.getState().theme === 'dark');
    const items = legendItems(p);
    const probe = document.createElement('canvas').getContext('2d');
    const width = source.width / dpr;
    const legendH = probe ? paintLegend(probe, items, p, 0, width) : LEGEND_H;
    const out = document.createElement('canvas');
    out.width = source.width;
    out.height = source.height + Math.round((legendH + 6) * dpr);
    const ctx = out.getContext('2d');
    if (!ctx) return;
    ctx.fillStyle = p.bg;
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(source, 0, 0);
    ctx.scale(dpr, dpr);
    paintLegend(ctx, items, p, source.height / dpr + 3, width);
    out.toBlob((blob) => blob && downloadBlob(blob, 'timeline.png'), 'image/png');
  }, [store]);
  /* the same converter as `wdkm trace`: Chrome Trace Event JSON, which ui.perfetto.dev opens */
  const exportPerfetto = useCallback(() => {
    const json = JSON.stringify(toPerfetto(toArray(viewEventsSelector(store.getState())), namerSelector(store.getState())));
    downloadBlob(new Blob([json], { type: 'application/json' }), 'trace.perfetto.json');
  }, [store]);
  return (
    <section className="timeline" data-testid="timeline" aria-label="Timeline">
      <TravelBar onExportPng={exportPng} onExportPerfetto={exportPerfetto} onZoom={(kind) => controller.current?.zoom(kind)} />
      <ManualPanel />
      <TimelineCanvas onController={onController} overlay={<StaleNotice what="This timeline is" overlay />} />
      <TimelineLegend />
      <TimelineSummary />
    </section>
  );
}
