/**
 * The internal events of `<parley-elevation>`, in a module of their own: `<parley-chat>` listens
 * for them without loading the form, which it imports only when a request form is about to show.
 */
import type { Ack, CustomerElevation, ElevationRequest } from '../../protocol/index.js';

export type ElevationReply = Ack<{ elevation: CustomerElevation }>;

/**
 * Internal: the form is valid. Bubbles, not composed. The listener answers with `respondWith()`
 * (the server's reply); the form shows progress until it settles.
 */
export class ElevationSubmitEvent extends Event {
  static readonly eventName = 'elevation-submit';
  #reply: Promise<ElevationReply> | null = null;
  constructor(readonly request: ElevationRequest) {
    super(ElevationSubmitEvent.eventName, { bubbles: true, composed: false });
  }
  /** Hands the form the reply to wait for. */
  respondWith(reply: Promise<ElevationReply>): void {
    this.#reply = reply;
  }
  get reply(): Promise<ElevationReply> | null {
    return this.#reply;
  }
}

/** Internal: the customer asks to go back to the chat (button or Escape). Bubbles, not composed. */
export class ElevationBackEvent extends Event {
  static readonly eventName = 'elevation-back';
  constructor() {
    super(ElevationBackEvent.eventName, { bubbles: true, composed: false });
  }
}

/** Internal: a text for the widget's live region. Bubbles, not composed. */
export class ElevationAnnounceEvent extends Event {
  static readonly eventName = 'elevation-announce';
  constructor(readonly text: string) {
    super(ElevationAnnounceEvent.eventName, { bubbles: true, composed: false });
  }
}
