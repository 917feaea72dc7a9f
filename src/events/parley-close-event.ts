/** Detail of `parley-close`. */
export interface ParleyCloseDetail {
  /** Point of contact of the chat being closed. */
  poc: string;
}

/**
 * `parley-close`: the chat panel is about to close (the conversation goes on). Cancelable —
 * `preventDefault()` keeps it open. Fired by `close()`, the close button, Escape and the launcher.
 */
export class ParleyCloseEvent extends Event {
  static readonly eventName = 'parley-close';
  readonly detail: ParleyCloseDetail;

  constructor(detail: ParleyCloseDetail) {
    super(ParleyCloseEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'parley-close': ParleyCloseEvent;
  }
}
