/**
 * Store rows → wire records. The only place that decides what each party is shown of a row:
 * customers never see agent ids, internal statuses or other visitors' data.
 */
import type {
  AgentConversation,
  ChatMessage,
  ConversationEvent,
  CustomerConversation,
  CustomerElevation,
  ElevationDetails,
  Offer,
  SessionInteraction,
  SkillChannel,
  WorkItemDetails,
} from '../../src/protocol/index.js';
import { API_PREFIX } from '../../src/protocol/index.js';
import type { StoredWorkItem } from '../store/schema.js';
import type { AttachmentRow, ConversationRow, MessageRow, OfferRow } from '../store/store.js';

export function toChatMessage(row: MessageRow): ChatMessage {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    seq: row.seq,
    clientId: row.client_id,
    author: row.author as ChatMessage['author'],
    authorName: row.author_name,
    text: row.text,
    ...(row.event ? { event: JSON.parse(row.event) as ConversationEvent } : {}),
    sentAt: row.sent_at,
  };
}

export function toCustomerConversation(
  row: ConversationRow,
  queuePosition: number | null,
  agentName: string | null,
  expectedWaitSeconds: number | null = null,
): CustomerConversation {
  const status = row.status === 'queued' ? 'queued' : row.status === 'active' ? 'active' : 'ended';
  return {
    id: row.id,
    pocId: row.poc_id,
    status,
    queuePosition: status === 'queued' ? queuePosition : null,
    expectedWaitSeconds: status === 'queued' ? expectedWaitSeconds : null,
    agentName: status === 'queued' ? null : agentName,
    lastSeq: row.last_seq,
    receipts: { delivered: row.agent_delivered_seq, read: row.agent_read_seq },
    createdAt: row.created_at,
  };
}

/** The stored elevation details of an interaction, or null for a chat. */
export function elevationOf(row: ConversationRow): ElevationDetails | null {
  return row.elevation ? (JSON.parse(row.elevation) as ElevationDetails) : null;
}

/** A work item's answers and files as agents see them, or null for other interactions. */
export function workItemOf(row: ConversationRow, attachments: readonly AttachmentRow[]): WorkItemDetails | null {
  if (!row.work_item) return null;
  const stored = JSON.parse(row.work_item) as StoredWorkItem;
  return {
    reference: row.reference ?? '',
    title: stored.title,
    source: stored.source,
    // Written from `checkWorkItem`'s values, so each type is one of the form's field types.
    fields: stored.fields as WorkItemDetails['fields'],
    attachments: attachments.map((a) => ({
      id: a.id,
      fieldId: a.field_id,
      name: a.name,
      type: a.type as WorkItemDetails['attachments'][number]['type'],
      size: a.size,
      url: `${API_PREFIX}/agent/attachments/${a.id}`,
    })),
    replyTo: stored.replyTo,
  };
}

/**
 * An offer's preview of a work item: its first long answer, or nothing (the offer shows the form's
 * short answers itself, so falling back to one would show it twice).
 */
export function workItemPreview(details: WorkItemDetails): string {
  const long = details.fields.find((f) => f.type === 'textarea' && typeof f.value === 'string' && f.value !== '');
  return (long?.value as string | undefined) ?? '';
}

/** `verifiedId`: the website owner's id for the customer, when a signed identity vouched for them. */
export function toAgentConversation(row: ConversationRow, pocName: string, attachments: readonly AttachmentRow[] = [], verifiedId: string | null = null): AgentConversation {
  return {
    id: row.id,
    channel: row.channel as SkillChannel,
    sessionId: row.session_id,
    elevation: elevationOf(row),
    workItem: workItemOf(row, attachments),
    pocId: row.poc_id,
    pocName,
    customerName: row.customer_name,
    verifiedId,
    status: row.status === 'active' ? 'active' : row.status === 'wrapup' ? 'wrapup' : 'closed',
    endedBy: (row.ended_by as AgentConversation['endedBy']) ?? null,
    lastSeq: row.last_seq,
    receipts: { delivered: row.customer_delivered_seq, read: row.customer_read_seq },
    createdAt: row.created_at,
    acceptedAt: row.accepted_at,
  };
}

export function toOffer(
  row: OfferRow,
  conversation: ConversationRow,
  pocName: string,
  channel: SkillChannel,
  preview: string,
  attachments: readonly AttachmentRow[] = [],
): Offer {
  const workItem = workItemOf(conversation, attachments);
  return {
    id: row.id,
    conversationId: row.conversation_id,
    sessionId: conversation.session_id,
    elevation: elevationOf(conversation),
    workItem,
    pocId: conversation.poc_id,
    pocName,
    channel,
    customerName: conversation.customer_name,
    preview: workItem ? workItemPreview(workItem) : preview,
    offeredAt: row.offered_at,
    expiresAt: row.expires_at,
  };
}

/** A customer's request as they see it: no agent, skill or internal status. */
export function toCustomerElevation(row: ConversationRow): CustomerElevation {
  const details = elevationOf(row)!;
  return {
    id: row.id,
    kind: details.kind,
    reference: details.reference,
    status: row.status === 'queued' ? 'requested' : row.status === 'closed' ? 'done' : 'in-progress',
    destination: details.destination,
    destinationDisplay: details.destinationDisplay,
    window: details.window,
    conversationId: details.fromConversationId,
    createdAt: row.created_at,
  };
}

export function toSessionInteraction(row: ConversationRow, agentName: string | null): SessionInteraction {
  return {
    id: row.id,
    channel: row.channel as SkillChannel,
    status: row.status as SessionInteraction['status'],
    reference: row.reference,
    agentName,
    disposition: row.disposition,
    createdAt: row.created_at,
    closedAt: row.closed_at,
  };
}
