import type { ProtocolError } from '../protocol/index.js';

/** Detail of `parley-error`. */
export interface ParleyErrorDetail {
  poc: string;
  /**
   * Why the chat is unavailable: `poc_not_found`, `poc_inactive`, `poc_wrong_channel`,
   * `origin_not_allowed` (this website is not on the POC's allowed origins), `invalid_field` (missing or malformed `poc`/`server`), `unsupported_protocol`, or
   * `internal_error` (the profile could not be loaded or read).
   */
  error: ProtocolError;
}

/**
 * `parley-error`: the chat cannot be offered for this point of contact; the widget stays hidden
 * (or, if the refusal comes after the panel was shown, says the chat is unavailable). Fired once,
 * together with one `console.error` for the website owner.
 */
export class ParleyErrorEvent extends Event {
  static readonly eventName = 'parley-error';
  readonly detail: ParleyErrorDetail;

  constructor(detail: ParleyErrorDetail) {
    super(ParleyErrorEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'parley-error': ParleyErrorEvent;
  }
}
