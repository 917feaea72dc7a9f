// Public events of the Parley elements: one Event subclass each, bubbling and composed.
export { ParleyOpenEvent, type ParleyOpenDetail } from './parley-open-event.js';
export { ParleyCloseEvent, type ParleyCloseDetail } from './parley-close-event.js';
export { ParleyMessageEvent } from './parley-message-event.js';
export { ParleyReadyEvent, type ParleyReadyDetail } from './parley-ready-event.js';
export { ParleyErrorEvent, type ParleyErrorDetail } from './parley-error-event.js';
export { ParleyPreChatEvent, type ParleyPreChatDetail, type PreChatAnswers } from './parley-prechat-event.js';
export { ParleyWorkItemSubmittedEvent, type ParleyWorkItemSubmittedDetail } from './parley-work-item-submitted-event.js';
