/* The legend under the canvas: the same items as the PNG's (./legend.ts). */
import { useApp } from '../context';
import { palette } from './colors';
import { legendItems } from './legend';

export function TimelineLegend() {
  const dark = useApp((s) => s.theme === 'dark');
  const items = legendItems(palette(dark));
  return (
    <ul className="timeline-legend" data-testid="timeline-legend" aria-label="What the timeline's colours mean">
      {items.map((it) => (
        <li key={it.label}>
          <span className={`timeline-legend__swatch timeline-legend__swatch--${it.shape}`} style={{ background: it.shape === 'line' ? 'transparent' : (it.fill ?? it.color), borderColor: it.color }} aria-hidden="true" />
          {it.label}
        </li>
      ))}
    </ul>
  );
}
