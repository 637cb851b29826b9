// Zoom (wheel, around the pointer) and pan (drag on the background) of the graph's layer.
// The view is reported through onChange so the page can keep it in the webview state.

export interface ViewTransform { x: number; y: number; k: number }

const MIN_ZOOM = 0.005;   // far enough out to fit a 500-node chain
const MAX_ZOOM = 8;
const MAX_FIT_ZOOM = 1.5;
/** Node texts are 12 px (graph.css): a fitted view keeps them at 9 px or more, and a larger graph is panned. */
const NODE_TEXT_PX = 12;
const READABLE_TEXT_PX = 9;
const READABLE_ZOOM = READABLE_TEXT_PX / NODE_TEXT_PX;

export class GraphViewport {
  private view: ViewTransform = { x: 0, y: 0, k: 1 };
  private drag: { pointerId: number; startX: number; startY: number; viewX: number; viewY: number } | null = null;

  constructor(
    private readonly surface: SVGSVGElement,
    private readonly layer: SVGGElement,
    private readonly onChange: (view: ViewTransform) => void,
  ) {
    surface.addEventListener('wheel', (event) => this.onWheel(event), { passive: false });
    surface.addEventListener('pointerdown', (event) => this.onPointerDown(event));
    surface.addEventListener('pointermove', (event) => this.onPointerMove(event));
    surface.addEventListener('pointerup', (event) => this.endDrag(event));
    surface.addEventListener('pointercancel', (event) => this.endDrag(event));
  }

  get current(): ViewTransform { return { ...this.view }; }

  set(view: ViewTransform): void {
    this.view = { x: view.x, y: view.y, k: clamp(view.k, MIN_ZOOM, MAX_ZOOM) };
    this.layer.setAttribute('transform', `translate(${this.view.x},${this.view.y}) scale(${this.view.k})`);
  }

  /**
   * Shows the whole content (width × height at the origin), enlarging small graphs at most 1.5×. When that
   * would shrink the text below a readable size, the graph stays at the readable zoom instead, its inputs
   * (left end) in view, and the user pans (the wheel still zooms out to an overview).
   */
  fit(width: number, height: number): void {
    const box = this.surface.getBoundingClientRect();
    const whole = Math.min(box.width / Math.max(width, 1), box.height / Math.max(height, 1), MAX_FIT_ZOOM);
    const k = clamp(Math.max(whole, READABLE_ZOOM), MIN_ZOOM, MAX_ZOOM);
    const x = width * k <= box.width ? (box.width - width * k) / 2 : 0;
    const y = height * k <= box.height ? (box.height - height * k) / 2 : 0;
    this.set({ k, x, y });
    this.onChange(this.current);
  }

  private onWheel(event: WheelEvent): void {
    event.preventDefault();
    const box = this.surface.getBoundingClientRect();
    const px = event.clientX - box.left;
    const py = event.clientY - box.top;
    const k = clamp(this.view.k * Math.exp(-event.deltaY * 0.0015), MIN_ZOOM, MAX_ZOOM);
    // Keep the graph point under the pointer where it is.
    const ratio = k / this.view.k;
    this.set({ k, x: px - (px - this.view.x) * ratio, y: py - (py - this.view.y) * ratio });
    this.onChange(this.current);
  }

  private onPointerDown(event: PointerEvent): void {
    if (event.button !== 0 || (event.target as Element).closest('.node')) return;
    this.drag = { pointerId: event.pointerId, startX: event.clientX, startY: event.clientY, viewX: this.view.x, viewY: this.view.y };
    this.surface.setPointerCapture(event.pointerId);
    this.surface.classList.add('panning');
  }

  private onPointerMove(event: PointerEvent): void {
    if (!this.drag || event.pointerId !== this.drag.pointerId) return;
    this.set({ k: this.view.k, x: this.drag.viewX + event.clientX - this.drag.startX, y: this.drag.viewY + event.clientY - this.drag.startY });
  }

  private endDrag(event: PointerEvent): void {
    if (!this.drag || event.pointerId !== this.drag.pointerId) return;
    this.drag = null;
    this.surface.classList.remove('panning');
    this.onChange(this.current);
  }
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
