/* The timeline's imperative core, outside React: it owns the canvases and
   the viewport, receives the model and the moment from store subscriptions,
   and paints at most once per animation frame. Input: wheel zooms at the
   pointer (Shift+wheel pans, wheel over the names scrolls lanes), drag pans,
   W/S zoom, A/D pan, 0 fits, click selects, hover describes. */
import type { TimelineModel } from '../../trace/timeline-model';
import { palette, type Palette } from './colors';
import { hitTest } from './hit';
import { clampScroll, fitView, LABEL_W, layoutRows, panBy, zoomAt, type Row, type Viewport } from './layout';
import { MINIMAP_H, minimapTime, paintMinimap, paintMinimapBase } from './minimap';
import { paintTimeline } from './paint';

export interface ControllerHooks {
  onSelect: (event: number) => void;
  describe: (event: number) => string;
}

export class TimelineController {
  private model: TimelineModel | null = null;
  private rows: Row[] = [];
  private contentHeight = 0;
  private moment = -1;
  private showCpus = false;
  private palette: Palette = palette(false);
  private view: Viewport = { t0: 0, t1: 1, scrollY: 0, width: 1, height: 1 };
  private minimapBase: HTMLCanvasElement | null = null;
  private dark: boolean | null = null;
  private frame = 0;
  private drag: { x: number; y: number; moved: boolean } | null = null;
  private readonly resize: ResizeObserver;
  private readonly listening = new AbortController();

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly minimap: HTMLCanvasElement,
    private readonly tooltip: HTMLElement,
    private readonly hooks: ControllerHooks,
  ) {
    this.resize = new ResizeObserver(() => this.measure());
    this.resize.observe(canvas);
    /* one signal removes every listener: React may mount twice on the same canvas */
    const signal = this.listening.signal;
    canvas.addEventListener('wheel', this.onWheel, { passive: false, signal });
    canvas.addEventListener('pointerdown', this.onDown, { signal });
    canvas.addEventListener('pointermove', this.onMove, { signal });
    canvas.addEventListener('pointerup', this.onUp, { signal });
    canvas.addEventListener('pointerleave', this.hideTooltip, { signal });
    canvas.addEventListener('keydown', this.onKey, { signal });
    minimap.addEventListener('pointerdown', this.onMinimap, { signal });
    this.measure();
  }

  dispose(): void {
    this.listening.abort();
    cancelAnimationFrame(this.frame);
    this.frame = -1; /* never schedules again */
    this.resize.disconnect();
  }

  setModel(model: TimelineModel | null, showCpus: boolean): void {
    if (model === this.model && showCpus === this.showCpus) return;
    const fresh = model !== this.model;
    this.model = model;
    this.showCpus = showCpus;
    const laid = model ? layoutRows(model, showCpus) : { rows: [], height: 0 };
    this.rows = laid.rows;
    this.contentHeight = laid.height;
    if (fresh && model) {
      this.view = fitView(model, this.view);
      this.minimapBase = null;
    }
    this.request();
  }

  setMoment(moment: number): void {
    if (moment === this.moment) return;
    this.moment = moment;
    /* keep the playhead in view when stepping moves it off screen */
    const t = this.model && moment >= 0 ? this.model.eventTime[moment] : undefined;
    if (t !== undefined && (t < this.view.t0 || t > this.view.t1)) {
      const half = (this.view.t1 - this.view.t0) / 2;
      this.view = { ...this.view, t0: t - half, t1: t + half };
    }
    this.request();
  }

  setDark(dark: boolean): void {
    /* called on every step: the minimap's base is a pass over the whole run, redrawn only for a new theme */
    if (this.dark === dark) return;
    this.dark = dark;
    this.palette = palette(dark);
    this.minimapBase = null;
    this.request();
  }

  setView(patch: Partial<Viewport>): void {
    this.view = clampScroll({ ...this.view, ...patch }, this.contentHeight);
    this.request();
  }

  getView(): Viewport {
    return this.view;
  }

  get canvasElement(): HTMLCanvasElement {
    return this.canvas;
  }

  private measure(): void {
    const rect = this.canvas.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const width = Math.max(1, Math.round(rect.width * dpr));
    const height = Math.max(1, Math.round(rect.height * dpr));
    /* The observer also fires when nothing changed in pixels (a panel beside
       the canvas growing by a fraction while stepping): a resize clears the
       canvases, and the minimap's base is a pass over the whole run, so only
       a real change of size does either. */
    if (width === this.canvas.width && height === this.canvas.height && rect.width === this.view.width && rect.height === this.view.height) return;
    this.canvas.width = width;
    this.canvas.height = height;
    if (this.minimap.width !== width) this.minimapBase = null;
    this.minimap.width = width;
    this.minimap.height = Math.round(MINIMAP_H * dpr);
    this.view = clampScroll({ ...this.view, width: rect.width, height: rect.height }, this.contentHeight);
    this.request();
  }

  private request(): void {
    if (this.frame !== 0) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.paint();
    });
  }

  private paint(): void {
    const started = performance.now();
    const dpr = window.devicePixelRatio || 1;
    const ctx = this.canvas.getContext('2d');
    const mini = this.minimap.getContext('2d');
    if (!ctx || !mini) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    mini.setTransform(dpr, 0, 0, dpr, 0, 0);
    if (!this.model) {
      ctx.clearRect(0, 0, this.view.width, this.view.height);
      mini.clearRect(0, 0, this.view.width, MINIMAP_H);
      return;
    }
    paintTimeline(ctx, { model: this.model, rows: this.rows, view: this.view, palette: this.palette, moment: this.moment });
    this.minimapBase ??= paintMinimapBase(this.model, this.view.width, dpr, this.palette);
    paintMinimap(mini, this.minimapBase, this.model, this.view, this.palette);
    /* opt-in profiling for the benchmark: <canvas data-profile> */
    if (this.canvas.dataset.profile !== undefined) performance.measure('timeline-paint', { start: started, end: performance.now() });
  }

  private onWheel = (e: WheelEvent): void => {
    if (!this.model) return;
    e.preventDefault();
    const x = e.offsetX;
    if (x < LABEL_W) this.setView({ scrollY: this.view.scrollY + e.deltaY });
    else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) this.setView(panBy(this.view, -(e.deltaX || e.deltaY)));
    else this.setView(zoomAt(this.view, x, Math.exp(e.deltaY * 0.002)));
  };

  /** The zoom buttons: in and out about the middle, or fit the whole run. */
  zoom(kind: 'in' | 'out' | 'fit'): void {
    if (!this.model) return;
    const mid = LABEL_W + (this.view.width - LABEL_W) / 2;
    this.setView(kind === 'fit' ? fitView(this.model, this.view) : zoomAt(this.view, mid, kind === 'in' ? 0.67 : 1.5));
  }

  /* Touch: one finger pans (as a mouse drag), two pinch-zoom about their middle. */
  private touches = new Map<number, number>(); /* pointer id -> x */
  private pinch: number | null = null; /* distance between the two fingers */

  private onDown = (e: PointerEvent): void => {
    this.canvas.setPointerCapture(e.pointerId);
    this.canvas.focus();
    if (e.pointerType === 'touch') {
      this.touches.set(e.pointerId, e.offsetX);
      if (this.touches.size === 2) {
        const [a, b] = [...this.touches.values()];
        this.pinch = Math.abs(a! - b!);
        this.drag = null;
        return;
      }
    }
    this.drag = { x: e.offsetX, y: e.offsetY, moved: false };
  };

  private onMove = (e: PointerEvent): void => {
    if (e.pointerType === 'touch' && this.touches.has(e.pointerId)) {
      this.touches.set(e.pointerId, e.offsetX);
      if (this.pinch !== null && this.touches.size === 2) {
        const [a, b] = [...this.touches.values()];
        const span = Math.max(8, Math.abs(a! - b!));
        this.setView(zoomAt(this.view, (a! + b!) / 2, this.pinch / span));
        this.pinch = span;
        return;
      }
    }
    const d = this.drag;
    if (d) {
      const dx = e.offsetX - d.x;
      const dy = e.offsetY - d.y;
      if (d.moved || Math.abs(dx) + Math.abs(dy) > 3) {
        d.moved = true;
        this.setView({ ...panBy(this.view, dx), scrollY: this.view.scrollY - dy });
        d.x = e.offsetX;
        d.y = e.offsetY;
      }
      return;
    }
    const hit = this.model && hitTest(this.model, this.rows, this.view, e.offsetX, e.offsetY);
    if (!hit) return this.hideTooltip();
    this.tooltip.textContent = `${hit.text}\n${this.hooks.describe(hit.event)}`;
    this.tooltip.style.transform = `translate(${Math.min(e.offsetX + 12, this.view.width - 320)}px, ${e.offsetY + 14}px)`;
    this.tooltip.hidden = false;
  };

  private onUp = (e: PointerEvent): void => {
    this.touches.delete(e.pointerId);
    if (this.pinch !== null) {
      if (this.touches.size < 2) this.pinch = null;
      this.drag = null;
      return;
    }
    const d = this.drag;
    this.drag = null;
    if (!d || d.moved || !this.model) return;
    const hit = hitTest(this.model, this.rows, this.view, e.offsetX, e.offsetY);
    if (hit) this.hooks.onSelect(hit.event);
  };

  private hideTooltip = (): void => {
    this.tooltip.hidden = true;
  };

  private onKey = (e: KeyboardEvent): void => {
    if (!this.model || e.altKey || e.ctrlKey || e.metaKey) return;
    const mid = LABEL_W + (this.view.width - LABEL_W) / 2;
    const step = (this.view.width - LABEL_W) / 8;
    const next: Record<string, () => Viewport> = {
      w: () => zoomAt(this.view, mid, 0.8),
      s: () => zoomAt(this.view, mid, 1.25),
      a: () => panBy(this.view, step),
      d: () => panBy(this.view, -step),
      ArrowUp: () => ({ ...this.view, scrollY: this.view.scrollY - 24 }),
      ArrowDown: () => ({ ...this.view, scrollY: this.view.scrollY + 24 }),
      '0': () => fitView(this.model!, this.view),
    };
    const go = next[e.key.length === 1 ? e.key.toLowerCase() : e.key];
    if (!go) return;
    e.preventDefault();
    this.setView(go());
  };

  private onMinimap = (e: PointerEvent): void => {
    if (!this.model) return;
    const t = minimapTime(this.model, this.view.width, e.offsetX);
    const half = (this.view.t1 - this.view.t0) / 2;
    this.setView({ t0: t - half, t1: t + half });
  };
}
