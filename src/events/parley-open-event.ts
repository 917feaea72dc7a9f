/** Detail of `parley-open`. */
export interface ParleyOpenDetail {
  /** Point of contact of the chat being opened. */
  poc: string;
}

/**
 * `parley-open`: the chat panel is about to open. Cancelable — `preventDefault()` keeps it closed.
 * Fired by `open()` and by the launcher, not when the `open` attribute is set by script.
 */
export class ParleyOpenEvent extends Event {
  static readonly eventName = 'parley-open';
  readonly detail: ParleyOpenDetail;

  constructor(detail: ParleyOpenDetail) {
    super(ParleyOpenEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'parley-open': ParleyOpenEvent;
  }
}
