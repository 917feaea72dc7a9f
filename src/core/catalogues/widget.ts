/**
 * Every text the customer chat widget shows or gives to assistive technology, in English and
 * French. The connection and delivery states come from delivery.ts, shared with the console.
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
import { deliveryCatalogue, type DeliveryKey } from './delivery.js';

export type WidgetKey =
  | DeliveryKey
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
  | 'message.failed'
  | 'message.retry'
  | 'queue.position'
  | 'queue.waiting'
  | 'typing.named'
  | 'typing.anonymous'
  | 'connection.refused'
  | 'event.agentJoined'
  | 'event.agentLeft'
  | 'event.endedByCustomer'
  | 'event.endedByAgent'
  | 'event.endedBySystem'
  | 'event.elevated.callback'
  | 'event.elevated.email'
  | 'event.elevated.sms'
  | 'ended.notice'
  | 'announce.agentMessage'
  | 'composer.label'
  | 'composer.placeholder'
  | 'composer.send'
  | 'composer.tooLong'
  | 'composer.counter'
  | 'launcher.withLabel'
  | 'panel.download'
  | 'transcript.heading'
  | 'transcript.filename'
  | 'offline.message'
  | 'prechat.label'
  | 'prechat.intro'
  | 'prechat.requiredNote'
  | 'prechat.choose'
  | 'prechat.submit'
  | 'prechat.error.required'
  | 'prechat.error.requiredChoice'
  | 'prechat.error.requiredCheckbox'
  | 'prechat.error.email'
  | 'prechat.error.phone'
  | 'prechat.error.name'
  | 'preview.agentName'
  | 'preview.customerText'
  | 'preview.agentText';

export const widgetCatalogue: Catalogue<WidgetKey> = {
  en: {
    ...deliveryCatalogue.en,
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
    'message.failed': 'Not sent.',
    'message.retry': 'Retry',
    'queue.position': 'You are number {position} in the queue.',
    'queue.waiting': 'Waiting for an agent…',
    'typing.named': '{name} is typing…',
    'typing.anonymous': 'The agent is typing…',
    'connection.refused': 'The chat is not available right now. Please try again later.',
    'event.agentJoined': '{name} joined the chat.',
    'event.agentLeft': '{name} left the chat.',
    'event.endedByCustomer': 'You ended the chat.',
    'event.endedByAgent': 'The agent ended the chat.',
    'event.endedBySystem': 'The chat was closed.',
    'event.elevated.callback': 'Callback requested. Reference {reference}.',
    'event.elevated.email': 'Email requested. Reference {reference}.',
    'event.elevated.sms': 'Text message requested. Reference {reference}.',
    'ended.notice': 'This chat has ended. Write a message to start a new one.',
    'announce.agentMessage': '{name}: {text}',
    'composer.label': 'Message',
    'composer.placeholder': 'Write a message…',
    'composer.send': 'Send',
    'composer.tooLong': 'This message is too long. Shorten it to {max} characters or fewer.',
    'composer.counter': '{count} of {max} characters',
    'launcher.withLabel': '{label}, {action}',
    'panel.download': 'Download transcript',
    'transcript.heading': '{title}: chat transcript',
    'transcript.filename': 'chat-transcript',
    'offline.message': 'We are not available right now. Please come back later.',
    'prechat.label': 'Before we start',
    'prechat.intro': 'Before we start, please tell us a little about you.',
    'prechat.requiredNote': 'Fields marked * are required.',
    'prechat.choose': 'Choose…',
    'prechat.submit': 'Start chat',
    'prechat.error.required': 'Fill in this field.',
    'prechat.error.requiredChoice': 'Choose an option.',
    'prechat.error.requiredCheckbox': 'Tick this box to continue.',
    'prechat.error.email': 'Enter an email address, like name@example.com.',
    'prechat.error.phone': 'Enter a phone number, like +44 20 7946 0958.',
    'prechat.error.name': 'Enter a name of {max} characters or fewer.',
    // The sample conversation of the studio preview. The agent text goes through the same sanitizer
    // as a real agent message, so the preview shows exactly how agent formatting looks.
    'preview.agentName': 'Sam',
    'preview.customerText': 'Hello! Is my order on its way?',
    'preview.agentText': 'Hi! Yes, order <b>#1042</b> left our warehouse this morning.',
  },
  fr: {
    ...deliveryCatalogue.fr,
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
    'message.failed': 'Non envoyé.',
    'message.retry': 'Réessayer',
    'queue.position': 'Vous êtes en position {position} dans la file d’attente.',
    'queue.waiting': 'En attente d’un conseiller…',
    'typing.named': '{name} est en train d’écrire…',
    'typing.anonymous': 'Le conseiller est en train d’écrire…',
    'connection.refused': 'La discussion n’est pas disponible pour le moment. Veuillez réessayer plus tard.',
    'event.agentJoined': '{name} a rejoint la discussion.',
    'event.agentLeft': '{name} a quitté la discussion.',
    'event.endedByCustomer': 'Vous avez terminé la discussion.',
    'event.endedByAgent': 'Le conseiller a terminé la discussion.',
    'event.endedBySystem': 'La discussion a été fermée.',
    'event.elevated.callback': 'Rappel demandé. Référence {reference}.',
    'event.elevated.email': 'Courriel demandé. Référence {reference}.',
    'event.elevated.sms': 'SMS demandé. Référence {reference}.',
    'ended.notice': 'Cette discussion est terminée. Écrivez un message pour en commencer une nouvelle.',
    // U+202F: French puts a narrow no-break space before a colon.
    'announce.agentMessage': '{name}\u202f: {text}',
    'composer.label': 'Message',
    'composer.placeholder': 'Écrivez votre message…',
    'composer.send': 'Envoyer',
    'composer.tooLong': 'Ce message est trop long. Raccourcissez-le à {max} caractères au maximum.',
    'composer.counter': '{count} caractères sur {max}',
    'launcher.withLabel': '{label}, {action}',
    'panel.download': 'Télécharger la transcription',
    'transcript.heading': '{title}\u202f: transcription de la discussion',
    'transcript.filename': 'transcription-discussion',
    'offline.message': 'Nous ne sommes pas disponibles pour le moment. Revenez plus tard.',
    'prechat.label': 'Avant de commencer',
    'prechat.intro': 'Avant de commencer, dites-nous en un peu plus sur vous.',
    'prechat.requiredNote': 'Les champs marqués d’un * sont obligatoires.',
    'prechat.choose': 'Choisissez…',
    'prechat.submit': 'Commencer la discussion',
    'prechat.error.required': 'Remplissez ce champ.',
    'prechat.error.requiredChoice': 'Choisissez une option.',
    'prechat.error.requiredCheckbox': 'Cochez cette case pour continuer.',
    'prechat.error.email': 'Saisissez une adresse e-mail, par exemple nom@exemple.fr.',
    'prechat.error.phone': 'Saisissez un numéro de téléphone, par exemple +33 1 23 45 67 89.',
    'prechat.error.name': 'Saisissez un nom de {max} caractères au maximum.',
    'preview.agentName': 'Sam',
    'preview.customerText': 'Bonjour ! Ma commande est-elle partie ?',
    'preview.agentText': 'Bonjour ! Oui, la commande <b>n°\u00a01042</b> a quitté notre entrepôt ce matin.',
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
    case 'elevated':
      return t(`event.elevated.${event.kind}`, { reference: event.reference });
  }
}
