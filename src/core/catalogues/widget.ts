/**
 * Every text the customer chat widget shows or gives to assistive technology, in English and
 * French.
 *
 * Invariant: no widget element holds a visible string or an accessible name of its own; they all
 * come from here through `translator()`, so a locale added here is a locale the whole widget
 * speaks. Placeholders are `{name}`; plural forms are separate keys chosen with `Intl.PluralRules`
 * (see `plural()`), because French counts 0 and 1 as singular and English does not.
 *
 * Texts from other parties (profile title and greeting, agent names, message bodies) never go
 * through a template as markup: elements insert the translated string as text.
 */
import type { ConversationEvent } from '../../protocol/index.js';
import type { Catalogue, Translate } from '../i18n.js';

export type WidgetKey =
  | 'launcher.open'
  | 'launcher.openUnread.one'
  | 'launcher.openUnread.other'
  | 'launcher.close'
  | 'panel.close'
  | 'panel.endChat'
  | 'log.label'
  | 'author.you'
  | 'author.agent'
  | 'author.greeting'
  | 'message.sending'
  | 'message.failed'
  | 'message.retry'
  | 'queue.position'
  | 'queue.waiting'
  | 'typing.named'
  | 'typing.anonymous'
  | 'connection.connecting'
  | 'connection.reconnecting'
  | 'connection.restored'
  | 'connection.refused'
  | 'event.agentJoined'
  | 'event.agentLeft'
  | 'event.endedByCustomer'
  | 'event.endedByAgent'
  | 'event.endedBySystem'
  | 'ended.notice'
  | 'announce.agentMessage'
  | 'composer.label'
  | 'composer.placeholder'
  | 'composer.send'
  | 'composer.tooLong'
  | 'composer.counter';

export const widgetCatalogue: Catalogue<WidgetKey> = {
  en: {
    'launcher.open': 'Open chat',
    'launcher.openUnread.one': 'Open chat, {count} unread message',
    'launcher.openUnread.other': 'Open chat, {count} unread messages',
    'launcher.close': 'Close chat window',
    'panel.close': 'Close chat window',
    'panel.endChat': 'End chat',
    'log.label': 'Conversation',
    'author.you': 'You',
    'author.agent': 'Agent',
    'author.greeting': 'Welcome message',
    'message.sending': 'Sending…',
    'message.failed': 'Not sent.',
    'message.retry': 'Retry',
    'queue.position': 'You are number {position} in the queue.',
    'queue.waiting': 'Waiting for an agent…',
    'typing.named': '{name} is typing…',
    'typing.anonymous': 'The agent is typing…',
    'connection.connecting': 'Connecting…',
    'connection.reconnecting': 'Connection lost. Reconnecting…',
    'connection.restored': 'Connected again.',
    'connection.refused': 'The chat is not available right now. Please try again later.',
    'event.agentJoined': '{name} joined the chat.',
    'event.agentLeft': '{name} left the chat.',
    'event.endedByCustomer': 'You ended the chat.',
    'event.endedByAgent': 'The agent ended the chat.',
    'event.endedBySystem': 'The chat was closed.',
    'ended.notice': 'This chat has ended. Write a message to start a new one.',
    'announce.agentMessage': '{name}: {text}',
    'composer.label': 'Message',
    'composer.placeholder': 'Write a message…',
    'composer.send': 'Send',
    'composer.tooLong': 'This message is too long. Shorten it to {max} characters or fewer.',
    'composer.counter': '{count} of {max} characters',
  },
  fr: {
    'launcher.open': 'Ouvrir la discussion',
    'launcher.openUnread.one': 'Ouvrir la discussion, {count} message non lu',
    'launcher.openUnread.other': 'Ouvrir la discussion, {count} messages non lus',
    'launcher.close': 'Fermer la fenêtre de discussion',
    'panel.close': 'Fermer la fenêtre de discussion',
    'panel.endChat': 'Terminer la discussion',
    'log.label': 'Conversation',
    'author.you': 'Vous',
    'author.agent': 'Conseiller',
    'author.greeting': 'Message d’accueil',
    'message.sending': 'Envoi…',
    'message.failed': 'Non envoyé.',
    'message.retry': 'Réessayer',
    'queue.position': 'Vous êtes en position {position} dans la file d’attente.',
    'queue.waiting': 'En attente d’un conseiller…',
    'typing.named': '{name} est en train d’écrire…',
    'typing.anonymous': 'Le conseiller est en train d’écrire…',
    'connection.connecting': 'Connexion…',
    'connection.reconnecting': 'Connexion perdue. Reconnexion en cours…',
    'connection.restored': 'De nouveau connecté.',
    'connection.refused': 'La discussion n’est pas disponible pour le moment. Veuillez réessayer plus tard.',
    'event.agentJoined': '{name} a rejoint la discussion.',
    'event.agentLeft': '{name} a quitté la discussion.',
    'event.endedByCustomer': 'Vous avez terminé la discussion.',
    'event.endedByAgent': 'Le conseiller a terminé la discussion.',
    'event.endedBySystem': 'La discussion a été fermée.',
    'ended.notice': 'Cette discussion est terminée. Écrivez un message pour en commencer une nouvelle.',
    // U+202F: French puts a narrow no-break space before a colon.
    'announce.agentMessage': '{name}\u202f: {text}',
    'composer.label': 'Message',
    'composer.placeholder': 'Écrivez votre message…',
    'composer.send': 'Envoyer',
    'composer.tooLong': 'Ce message est trop long. Raccourcissez-le à {max} caractères au maximum.',
    'composer.counter': '{count} caractères sur {max}',
  },
};

/** Locales the widget speaks. */
export const WIDGET_LOCALES = Object.keys(widgetCatalogue);

/**
 * Picks the singular or plural key for `count` by the locale's plural rules (`.one` / `.other`;
 * rules this catalogue has no key for fall back to `.other`).
 */
export function plural<K extends string>(locale: string, count: number, one: K, other: K): K {
  return new Intl.PluralRules(locale).select(count) === 'one' ? one : other;
}

/** Phrases a system event for the customer. */
export function phraseEvent(t: Translate<WidgetKey>, event: ConversationEvent): string {
  switch (event.type) {
    case 'agent-joined':
      return t('event.agentJoined', { name: event.name || t('author.agent') });
    case 'agent-left':
      return t('event.agentLeft', { name: event.name || t('author.agent') });
    case 'ended':
      return event.by === 'customer'
        ? t('event.endedByCustomer')
        : event.by === 'agent'
          ? t('event.endedByAgent')
          : t('event.endedBySystem');
  }
}
