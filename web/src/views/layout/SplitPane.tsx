/* Two panes side by side with a separator that the mouse and the keyboard
   can move (arrow keys, Home/End). */
import { useCallback, useRef, useState, type ReactNode } from 'react';

const MIN = 25;
const MAX = 80;

export function SplitPane({ left, right, initial = 58 }: { left: ReactNode; right: ReactNode; initial?: number }) {
  const [percent, setPercent] = useState(initial);
  const box = useRef<HTMLDivElement>(null);
  const clamp = (p: number) => Math.min(MAX, Math.max(MIN, p));

  const onPointerDown = useCallback((e: React.PointerEvent<HTMLDivElement>) => {
    const el = box.current;
    if (!el) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    const rect = el.getBoundingClientRect();
    const move = (ev: PointerEvent) => setPercent(clamp(((ev.clientX - rect.left) / rect.width) * 100));
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  }, []);

  const onKeyDown = (e: React.KeyboardEvent) => {
    const step = e.shiftKey ? 10 : 2;
    const next = { ArrowLeft: percent - step, ArrowRight: percent + step, Home: MIN, End: MAX }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    setPercent(clamp(next));
  };

  return (
    <div className="split" ref={box} style={{ gridTemplateColumns: `${percent}% 6px minmax(0, 1fr)` }}>
      <div className="split__pane">{left}</div>
      <div
        className="split__handle"
        role="separator"
        aria-orientation="vertical"
        aria-label="Resize the editor and results"
        aria-valuemin={MIN}
        aria-valuemax={MAX}
        aria-valuenow={Math.round(percent)}
        tabIndex={0}
        onPointerDown={onPointerDown}
        onKeyDown={onKeyDown}
      />
      <div className="split__pane">{right}</div>
    </div>
  );
}
