/** Detail of `parley-work-item-submitted`. */
export interface ParleyWorkItemSubmittedDetail {
  /** Point of contact of the form. */
  poc: string;
  /** Id of the work item on the server. */
  id: string;
  /** What the customer was given to quote, e.g. `WI-7K3M9Q`. */
  reference: string;
}

/**
 * `parley-work-item-submitted`: the server confirmed the customer's work item, and the form shows
 * its reference. Fired once per item, also when a retry (after a lost answer or a reload) is
 * answered with the item an earlier attempt created.
 */
export class ParleyWorkItemSubmittedEvent extends Event {
  static readonly eventName = 'parley-work-item-submitted';
  readonly detail: ParleyWorkItemSubmittedDetail;

  constructor(detail: ParleyWorkItemSubmittedDetail) {
    super(ParleyWorkItemSubmittedEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'parley-work-item-submitted': ParleyWorkItemSubmittedEvent;
  }
}
