/**
 * Keeps a floating element (the chat panel) placed beside its reference (the launcher) with
 * Floating UI, for as long as the host says it should float.
 *
 * `autoUpdate` watches scrolling, resizing and layout shifts; it is started when floating becomes
 * enabled and stopped, with the inline position removed, when it is disabled (panel closed, or a
 * narrow screen where CSS makes the panel full screen) and in `hostDisconnected`, so no observer
 * outlives the element.
 */
import { autoUpdate, computePosition, flip, offset, shift, size, type Placement } from '@floating-ui/dom';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface FloatingControllerOptions {
  reference: () => HTMLElement | null | undefined;
  floating: () => HTMLElement | null | undefined;
  /** Whether the floating element should be positioned now; read after every host update. */
  enabled: () => boolean;
  /** Where the floating element goes; a function is read at each placement (the side may change). */
  placement?: Placement | (() => Placement);
  /** Gap between reference and floating element, in CSS pixels. */
  gap?: number;
  /** Minimum distance kept from the viewport edges. */
  padding?: number;
}

/** The inline properties this controller sets, removed when it stops. */
const INLINE = ['left', 'top', 'right', 'bottom', 'max-height', 'max-width'] as const;

export class FloatingController implements ReactiveController {
  readonly #options: FloatingControllerOptions;
  #cleanup: (() => void) | null = null;
  #floating: HTMLElement | null = null;

  constructor(host: ReactiveControllerHost, options: FloatingControllerOptions) {
    this.#options = options;
    host.addController(this);
  }

  hostUpdated(): void {
    const reference = this.#options.reference();
    const floating = this.#options.floating();
    const wanted = this.#options.enabled() && reference && floating;
    if (!wanted) return this.#stop();
    if (this.#cleanup && this.#floating === floating) return;
    this.#stop();
    this.#floating = floating;
    this.#cleanup = autoUpdate(reference, floating, () => void this.#place(reference, floating));
  }

  hostDisconnected(): void {
    this.#stop();
  }

  async #place(reference: HTMLElement, floating: HTMLElement): Promise<void> {
    const padding = this.#options.padding ?? 8;
    const { x, y } = await computePosition(reference, floating, {
      strategy: 'fixed',
      placement: typeof this.#options.placement === 'function' ? this.#options.placement() : (this.#options.placement ?? 'top-end'),
      middleware: [
        offset(this.#options.gap ?? 12),
        flip({ padding }),
        shift({ padding }),
        // Never taller or wider than the room left; the panel scrolls its log inside.
        size({
          padding,
          apply({ availableHeight, availableWidth, elements }) {
            elements.floating.style.setProperty('max-height', `${Math.max(0, availableHeight)}px`);
            elements.floating.style.setProperty('max-width', `${Math.max(0, availableWidth)}px`);
          },
        }),
      ],
    });
    if (this.#floating !== floating || !this.#cleanup) {
      // Stopped while computing: undo what `size` applied meanwhile.
      if (this.#floating === null) for (const name of INLINE) floating.style.removeProperty(name);
      return;
    }
    // Physical left/top from Floating UI replace whatever logical insets the CSS fallback set.
    floating.style.setProperty('right', 'auto');
    floating.style.setProperty('bottom', 'auto');
    floating.style.setProperty('left', `${x}px`);
    floating.style.setProperty('top', `${y}px`);
  }

  #stop(): void {
    this.#cleanup?.();
    this.#cleanup = null;
    if (this.#floating) for (const name of INLINE) this.#floating.style.removeProperty(name);
    this.#floating = null;
  }
}
