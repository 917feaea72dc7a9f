/**
 * The base of the console's internal events about one held interaction (send, retry, typing, end,
 * elevate, and the elevation form's cancel): tier 3 of the house events, so they bubble up to the
 * console and never leave it (not composed), and each names the interaction it is about.
 */
export abstract class ConversationEvent extends Event {
  constructor(
    type: string,
    readonly conversationId: string,
  ) {
    super(type, { bubbles: true });
  }
}
