/** The answers of a pre-chat form, by field id: text for text-like fields and selects, a boolean for checkboxes. */
export type PreChatAnswers = Record<string, string | boolean>;

/** Detail of `parley-prechat`. */
export interface ParleyPreChatDetail {
  /** Point of contact of the chat. */
  poc: string;
  /** What the customer entered; optional fields left empty are absent. */
  answers: PreChatAnswers;
}

/**
 * `parley-prechat`: the customer filled in the profile's pre-chat form and the chat can start.
 * The answer to the `name` field becomes the customer's name in the conversation; the page may
 * use the other answers (they are not sent to the server yet).
 */
export class ParleyPreChatEvent extends Event {
  static readonly eventName = 'parley-prechat';
  readonly detail: ParleyPreChatDetail;

  constructor(detail: ParleyPreChatDetail) {
    super(ParleyPreChatEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'parley-prechat': ParleyPreChatEvent;
  }
}
