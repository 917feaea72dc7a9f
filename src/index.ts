/**
 * Public entry of the npm package: classes, events and types, without side effects. Importing it
 * defines no element; call `defineParleyElements()` (or `ParleyChat.define('my-tag')`).
 */
export { defineParleyElements } from './define.js';
export { ParleyElement, PARLEY_VERSION } from './elements/base/parley-element.js';
export { ParleyChat } from './elements/parley-chat/parley-chat.js';
export { ParleyMessageList } from './elements/parley-message-list/parley-message-list.js';
export { ParleyComposer } from './elements/parley-composer/parley-composer.js';
export { ParleyPreChat } from './elements/parley-prechat/parley-prechat.js';
export { ParleyElevation } from './elements/parley-elevation/parley-elevation.js';
export { ParleyConnectionStatus } from './elements/parley-connection-status/parley-connection-status.js';
export { ParleyWorkItem } from './elements/parley-work-item/parley-work-item.js';
export * from './events/index.js';
export { ChatSession } from './core/chat-session.js';
export { SocketLink, type Link, type LinkState, type NetworkWatch } from './core/link.js';
export { TabLink, tabLinkFactory } from './core/tab-link.js';
export type {
  ChatSessionOptions,
  ChatSessionState,
  ConnectionState,
  KeyValueStorage,
  PendingMessage,
} from './core/chat-session.js';
export { contrastRatio, profileToTokens, tokensToCss, type ProfileTokens, type ThemeTokens } from './core/theme.js';
export { DEFAULT_PROFILE, validateProfile } from './core/profile.js';
export { widgetCatalogue, type WidgetKey } from './core/catalogues/widget.js';
export { workItemCatalogue, type WorkItemKey } from './core/catalogues/work-item.js';
export {
  API_PREFIX,
  LIMITS,
  PROTOCOL_VERSION,
  type ChatMessage,
  type ChatProfile,
  type PreChatField,
  type ProfileIssue,
  type ConversationEvent,
  type CustomerConversation,
  type CustomerElevation,
  type ElevationKind,
  type ElevationRequest,
  type PocAvailability,
  type TimeWindow,
  type ProtocolError,
  type PublicChatProfile,
  type WorkItemField,
  type WorkItemReceipt,
} from './protocol/index.js';
