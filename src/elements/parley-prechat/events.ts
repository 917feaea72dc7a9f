/**
 * The internal event of `<parley-prechat>`, in a module of its own: `<parley-chat>` listens for
 * it without loading the form, which it imports only when the form is about to show.
 */
import type { PreChatAnswers } from '../../events/parley-prechat-event.js';

/** Internal: the form is valid and sent. Bubbles, not composed. */
export class PreChatSubmitEvent extends Event {
  static readonly eventName = 'prechat-submit';
  constructor(readonly answers: PreChatAnswers) {
    super(PreChatSubmitEvent.eventName, { bubbles: true, composed: false });
  }
}
