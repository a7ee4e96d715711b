/* The run's timeline: time-travel controls, manual scheduling, the canvas
   with its minimap, and the lanes in words. */
import { useCallback, useRef } from 'react';
import { ManualPanel } from './ManualPanel';
import { TimelineCanvas } from './TimelineCanvas';
import type { TimelineController } from './controller';
import { TimelineSummary } from './TimelineSummary';
import { TravelBar } from './TravelBar';

/* Saves the painted timeline as a PNG file. */
function downloadPng(canvas: HTMLCanvasElement): void {
  canvas.toBlob((blob) => {
    if (!blob) return;
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = 'timeline.png';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }, 'image/png');
}

export function TimelinePanel() {
  const controller = useRef<TimelineController | null>(null);
  const onController = useCallback((c: TimelineController | null) => {
    controller.current = c;
  }, []);
  const exportPng = useCallback(() => {
    const c = controller.current;
    if (c) downloadPng(c.canvasElement);
  }, []);
  return (
    <section className="timeline" data-testid="timeline" aria-label="Timeline">
      <TravelBar onExportPng={exportPng} />
      <ManualPanel />
      <TimelineCanvas onController={onController} />
      <TimelineSummary />
    </section>
  );
}
