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
import { plural, type Catalogue, type Translate } from '../i18n.js';
import { deliveryCatalogue, type DeliveryKey } from './delivery.js';
import { launcherCatalogue } from './launcher.js';

export type WidgetKey =
  | DeliveryKey
  | 'launcher.open'
  | 'launcher.openUnread.one'
  | 'launcher.openUnread.other'
  | 'launcher.close'
  | 'panel.close'
  | 'panel.endChat'
  | 'log.label'
  | 'log.showEarlier'
  | 'log.showLater'
  | 'author.you'
  | 'author.agent'
  | 'author.greeting'
  | 'message.failed'
  | 'message.retry'
  | 'message.rateLimited.seconds.one'
  | 'message.rateLimited.seconds.other'
  | 'message.rateLimited.minutes.one'
  | 'message.rateLimited.minutes.other'
  | 'queue.position'
  | 'queue.waiting'
  | 'typing.named'
  | 'typing.anonymous'
  | 'connection.refused'
  | 'connection.refused.identity'
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
  | 'preview.agentText'
  | 'elevation.menu'
  | 'elevation.kind.callback'
  | 'elevation.kind.email'
  | 'elevation.kind.sms'
  | 'elevation.name.callback'
  | 'elevation.name.email'
  | 'elevation.name.sms'
  | 'elevation.back'
  | 'elevation.intro.callback'
  | 'elevation.intro.email'
  | 'elevation.intro.sms'
  | 'elevation.stopWaitingNote'
  | 'elevation.requiredNote'
  | 'elevation.field.country'
  | 'elevation.field.phone'
  | 'elevation.field.mobile'
  | 'elevation.field.phoneHint'
  | 'elevation.field.window'
  | 'elevation.field.email'
  | 'elevation.field.subject'
  | 'elevation.field.message'
  | 'elevation.country.choose'
  | 'elevation.country.option'
  | 'elevation.window.asap'
  | 'elevation.consent.legend'
  | 'elevation.consent.callback'
  | 'elevation.consent.sms'
  | 'elevation.submit.callback'
  | 'elevation.submit.email'
  | 'elevation.submit.sms'
  | 'elevation.sending'
  | 'elevation.subjectDefault'
  | 'elevation.error.summary.one'
  | 'elevation.error.summary.other'
  | 'elevation.error.phoneRequired'
  | 'elevation.error.phone'
  | 'elevation.error.phoneInvalid'
  | 'elevation.error.phonePremium'
  | 'elevation.error.phoneMobile'
  | 'elevation.error.country'
  | 'elevation.error.window'
  | 'elevation.error.consent.callback'
  | 'elevation.error.consent.sms'
  | 'elevation.error.emailRequired'
  | 'elevation.error.email'
  | 'elevation.error.emailMixed'
  | 'elevation.error.subjectRequired'
  | 'elevation.error.subjectLine'
  | 'elevation.error.subjectLong'
  | 'elevation.error.messageRequired'
  | 'elevation.error.messageLong'
  | 'elevation.error.rateLimited.one'
  | 'elevation.error.rateLimited.other'
  | 'elevation.error.unavailable'
  | 'elevation.error.network'
  | 'elevation.error.other'
  | 'elevation.done.title'
  | 'elevation.done.reference'
  | 'elevation.done.callback.asap'
  | 'elevation.done.callback.window'
  | 'elevation.done.email'
  | 'elevation.done.sms'
  | 'elevation.done.keep'
  | 'elevation.done.announce'
  | 'elevation.requests'
  | 'elevation.status.requested'
  | 'elevation.status.in-progress'
  | 'elevation.status.done'
  | 'elevation.statusChanged'
  | 'elevation.offer.longWait'
  | 'elevation.offer.callback'
  | 'elevation.offer.email'
  | 'elevation.offer.sms'
  | 'elevation.offer.dismiss'
  | 'elevation.offer.announce'
  | 'elevation.closed.options';

export const widgetCatalogue: Catalogue<WidgetKey> = {
  en: {
    ...deliveryCatalogue.en,
    ...launcherCatalogue.en,
    'launcher.openUnread.one': 'Open chat, {count} unread message',
    'launcher.openUnread.other': 'Open chat, {count} unread messages',
    'launcher.close': 'Close chat window',
    'panel.close': 'Close chat window',
    'panel.endChat': 'End chat',
    'log.label': 'Conversation',
    'log.showEarlier': 'Show earlier messages',
    'log.showLater': 'Show later messages',
    'author.you': 'You',
    'author.agent': 'Agent',
    'author.greeting': 'Welcome message',
    'message.failed': 'Not sent.',
    'message.retry': 'Retry',
    'message.rateLimited.seconds.one': "You're sending messages too fast. Trying again in {count} second.",
    'message.rateLimited.seconds.other': "You're sending messages too fast. Trying again in {count} seconds.",
    'message.rateLimited.minutes.one': "You're sending messages too fast. Trying again in {count} minute.",
    'message.rateLimited.minutes.other': "You're sending messages too fast. Trying again in {count} minutes.",
    'queue.position': 'You are number {position} in the queue.',
    'queue.waiting': 'Waiting for an agent…',
    'typing.named': '{name} is typing…',
    'typing.anonymous': 'The agent is typing…',
    'connection.refused': 'The chat is not available right now. Please try again later.',
    'connection.refused.identity': 'We could not confirm who you are. Reload the page; if this goes on, sign in to the website again.',
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
    // Elevation: "call me back", "email me", "text me" (parley-elevation and the chat panel).
    'elevation.menu': 'Other ways to reach us',
    'elevation.kind.callback': 'Call me back',
    'elevation.kind.email': 'Email me',
    'elevation.kind.sms': 'Text me',
    'elevation.name.callback': 'Callback',
    'elevation.name.email': 'Email',
    'elevation.name.sms': 'Text message',
    'elevation.back': 'Back to chat',
    'elevation.intro.callback': 'Leave your number and an agent will call you.',
    'elevation.intro.email': 'Leave your address and we will answer by email.',
    'elevation.intro.sms': 'Leave your mobile number and we will text you.',
    'elevation.stopWaitingNote': 'Sending this request ends your wait in the chat queue.',
    'elevation.requiredNote': 'All fields are required.',
    'elevation.field.country': 'Country',
    'elevation.field.phone': 'Phone number',
    'elevation.field.mobile': 'Mobile number',
    'elevation.field.phoneHint': 'As you dial it in that country, or with its + code.',
    'elevation.field.window': 'When should we call?',
    'elevation.field.email': 'Email address',
    'elevation.field.subject': 'Subject',
    'elevation.field.message': 'Message',
    'elevation.country.choose': 'Choose a country…',
    'elevation.country.option': '{name} (+{code})',
    'elevation.window.asap': 'As soon as possible',
    'elevation.consent.legend': 'Consent',
    'elevation.consent.callback': 'I agree to be called at this number',
    'elevation.consent.sms': 'I agree to receive text messages at this number',
    'elevation.submit.callback': 'Request a callback',
    'elevation.submit.email': 'Send',
    'elevation.submit.sms': 'Request a text',
    'elevation.sending': 'Sending…',
    'elevation.subjectDefault': 'Chat with {title}',
    'elevation.error.summary.one': '{count} field needs your attention.',
    'elevation.error.summary.other': '{count} fields need your attention.',
    'elevation.error.phoneRequired': 'Enter your phone number.',
    'elevation.error.phone': 'Enter a phone number of 4 to 15 digits, like 020 7946 0958 or +44 20 7946 0958.',
    'elevation.error.phoneInvalid': 'This number does not exist. Check it, and the country.',
    'elevation.error.phonePremium': 'This is a premium-rate or service number. Enter a number we can call.',
    'elevation.error.phoneMobile': 'Enter a mobile number: texts only reach mobiles.',
    'elevation.error.country': 'Choose the country of this number, or type it with its + code.',
    'elevation.error.window': 'Choose one of the times offered.',
    'elevation.error.consent.callback': 'Tick this box so that we may call you.',
    'elevation.error.consent.sms': 'Tick this box so that we may text you.',
    'elevation.error.emailRequired': 'Enter your email address.',
    'elevation.error.email': 'Enter an email address, like name@example.com.',
    'elevation.error.emailMixed': 'This address mixes alphabets, as look-alike addresses do. Check it.',
    'elevation.error.subjectRequired': 'Enter a subject.',
    'elevation.error.subjectLine': 'Keep the subject on one line, without tabs or special characters.',
    'elevation.error.subjectLong': 'Shorten the subject to {max} characters or fewer.',
    'elevation.error.messageRequired': 'Write your message.',
    'elevation.error.messageLong': 'Shorten your message to {max} characters or fewer.',
    'elevation.error.rateLimited.one': 'Too many requests. Try again in {count} minute.',
    'elevation.error.rateLimited.other': 'Too many requests. Try again in {count} minutes.',
    'elevation.error.unavailable': 'This option is not available right now. Please choose another way to reach us.',
    'elevation.error.network': 'Your request could not be sent. Check your connection and try again.',
    'elevation.error.other': 'Your request could not be sent. Please try again.',
    'elevation.done.title': 'Request sent',
    'elevation.done.reference': 'Your reference',
    'elevation.done.callback.asap': 'An agent will call you at {destination} as soon as possible.',
    'elevation.done.callback.window': 'An agent will call you at {destination} on {day}, between {from} and {to}.',
    'elevation.done.email': 'We will answer at {destination}.',
    'elevation.done.sms': 'We will text you at {destination}.',
    'elevation.done.keep': 'Quote this reference if you contact us again.',
    'elevation.done.announce': 'Request sent. Your reference is {reference}. {next}',
    'elevation.requests': 'Your requests',
    'elevation.status.requested': 'requested',
    'elevation.status.in-progress': 'in progress',
    'elevation.status.done': 'done',
    'elevation.statusChanged': 'Your request {reference} is now {status}.',
    'elevation.offer.longWait': 'The wait is longer than usual.',
    'elevation.offer.callback': 'Stop waiting — we’ll call you back',
    'elevation.offer.email': 'Stop waiting — we’ll email you',
    'elevation.offer.sms': 'Stop waiting — we’ll text you',
    'elevation.offer.dismiss': 'Keep waiting',
    'elevation.offer.announce': 'The wait is longer than usual. You can stop waiting and ask us to contact you.',
    'elevation.closed.options': 'You can still ask us to contact you:',
  },
  fr: {
    ...deliveryCatalogue.fr,
    ...launcherCatalogue.fr,
    'launcher.openUnread.one': 'Ouvrir la discussion, {count} message non lu',
    'launcher.openUnread.other': 'Ouvrir la discussion, {count} messages non lus',
    'launcher.close': 'Fermer la fenêtre de discussion',
    'panel.close': 'Fermer la fenêtre de discussion',
    'panel.endChat': 'Terminer la discussion',
    'log.label': 'Conversation',
    'log.showEarlier': 'Afficher les messages précédents',
    'log.showLater': 'Afficher les messages suivants',
    'author.you': 'Vous',
    'author.agent': 'Conseiller',
    'author.greeting': 'Message d’accueil',
    'message.failed': 'Non envoyé.',
    'message.retry': 'Réessayer',
    'message.rateLimited.seconds.one': 'Vous envoyez des messages trop vite. Nouvel essai dans {count}\u00a0seconde.',
    'message.rateLimited.seconds.other': 'Vous envoyez des messages trop vite. Nouvel essai dans {count}\u00a0secondes.',
    'message.rateLimited.minutes.one': 'Vous envoyez des messages trop vite. Nouvel essai dans {count}\u00a0minute.',
    'message.rateLimited.minutes.other': 'Vous envoyez des messages trop vite. Nouvel essai dans {count}\u00a0minutes.',
    'queue.position': 'Vous êtes en position {position} dans la file d’attente.',
    'queue.waiting': 'En attente d’un conseiller…',
    'typing.named': '{name} est en train d’écrire…',
    'typing.anonymous': 'Le conseiller est en train d’écrire…',
    'connection.refused': 'La discussion n’est pas disponible pour le moment. Veuillez réessayer plus tard.',
    'connection.refused.identity': 'Nous n’avons pas pu confirmer votre identité. Rechargez la page ; si cela continue, reconnectez-vous au site.',
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
    'elevation.menu': 'Autres moyens de nous joindre',
    'elevation.kind.callback': 'Rappelez-moi',
    'elevation.kind.email': 'Écrivez-moi',
    'elevation.kind.sms': 'Envoyez-moi un SMS',
    'elevation.name.callback': 'Rappel',
    'elevation.name.email': 'Courriel',
    'elevation.name.sms': 'SMS',
    'elevation.back': 'Retour à la discussion',
    'elevation.intro.callback': 'Laissez votre numéro, un conseiller vous rappellera.',
    'elevation.intro.email': 'Laissez votre adresse, nous vous répondrons par courriel.',
    'elevation.intro.sms': 'Laissez votre numéro de mobile, nous vous enverrons un SMS.',
    'elevation.stopWaitingNote': 'Envoyer cette demande met fin à votre attente dans la file de discussion.',
    'elevation.requiredNote': 'Tous les champs sont obligatoires.',
    'elevation.field.country': 'Pays',
    'elevation.field.phone': 'Numéro de téléphone',
    'elevation.field.mobile': 'Numéro de mobile',
    'elevation.field.phoneHint': 'Tel que vous le composez dans ce pays, ou avec son indicatif +.',
    'elevation.field.window': 'Quand souhaitez-vous être rappelé ?',
    'elevation.field.email': 'Adresse e-mail',
    'elevation.field.subject': 'Objet',
    'elevation.field.message': 'Message',
    'elevation.country.choose': 'Choisissez un pays…',
    'elevation.country.option': '{name} (+{code})',
    'elevation.window.asap': 'Dès que possible',
    'elevation.consent.legend': 'Consentement',
    'elevation.consent.callback': 'J’accepte d’être appelé à ce numéro',
    'elevation.consent.sms': 'J’accepte de recevoir des SMS à ce numéro',
    'elevation.submit.callback': 'Demander un rappel',
    'elevation.submit.email': 'Envoyer',
    'elevation.submit.sms': 'Demander un SMS',
    'elevation.sending': 'Envoi…',
    'elevation.subjectDefault': 'Discussion avec {title}',
    'elevation.error.summary.one': '{count} champ demande votre attention.',
    'elevation.error.summary.other': '{count} champs demandent votre attention.',
    'elevation.error.phoneRequired': 'Saisissez votre numéro de téléphone.',
    'elevation.error.phone': 'Saisissez un numéro de 4 à 15 chiffres, par exemple 06 12 34 56 78 ou +33 6 12 34 56 78.',
    'elevation.error.phoneInvalid': 'Ce numéro n’existe pas. Vérifiez-le, ainsi que le pays.',
    'elevation.error.phonePremium': 'Ce numéro est surtaxé ou réservé à un service. Saisissez un numéro que nous pouvons appeler.',
    'elevation.error.phoneMobile': 'Saisissez un numéro de mobile\u202f: les SMS n’arrivent que sur les mobiles.',
    'elevation.error.country': 'Choisissez le pays de ce numéro, ou saisissez-le avec son indicatif +.',
    'elevation.error.window': 'Choisissez l’un des créneaux proposés.',
    'elevation.error.consent.callback': 'Cochez cette case pour que nous puissions vous appeler.',
    'elevation.error.consent.sms': 'Cochez cette case pour que nous puissions vous envoyer un SMS.',
    'elevation.error.emailRequired': 'Saisissez votre adresse e-mail.',
    'elevation.error.email': 'Saisissez une adresse e-mail, par exemple nom@exemple.fr.',
    'elevation.error.emailMixed': 'Cette adresse mélange des alphabets, comme les adresses trompeuses. Vérifiez-la.',
    'elevation.error.subjectRequired': 'Saisissez un objet.',
    'elevation.error.subjectLine': 'L’objet doit tenir sur une ligne, sans tabulation ni caractère spécial.',
    'elevation.error.subjectLong': 'Raccourcissez l’objet à {max} caractères au maximum.',
    'elevation.error.messageRequired': 'Écrivez votre message.',
    'elevation.error.messageLong': 'Raccourcissez votre message à {max} caractères au maximum.',
    'elevation.error.rateLimited.one': 'Trop de demandes. Réessayez dans {count} minute.',
    'elevation.error.rateLimited.other': 'Trop de demandes. Réessayez dans {count} minutes.',
    'elevation.error.unavailable': 'Cette option n’est pas disponible pour le moment. Choisissez un autre moyen de nous joindre.',
    'elevation.error.network': 'Votre demande n’a pas pu être envoyée. Vérifiez votre connexion et réessayez.',
    'elevation.error.other': 'Votre demande n’a pas pu être envoyée. Veuillez réessayer.',
    'elevation.done.title': 'Demande envoyée',
    'elevation.done.reference': 'Votre référence',
    'elevation.done.callback.asap': 'Un conseiller vous appellera au {destination} dès que possible.',
    'elevation.done.callback.window': 'Un conseiller vous appellera au {destination} le {day}, entre {from} et {to}.',
    'elevation.done.email': 'Nous vous répondrons à {destination}.',
    'elevation.done.sms': 'Nous vous enverrons un SMS au {destination}.',
    'elevation.done.keep': 'Indiquez cette référence si vous nous recontactez.',
    'elevation.done.announce': 'Demande envoyée. Votre référence est {reference}. {next}',
    'elevation.requests': 'Vos demandes',
    'elevation.status.requested': 'demandé',
    'elevation.status.in-progress': 'en cours',
    'elevation.status.done': 'traité',
    'elevation.statusChanged': 'Votre demande {reference} est maintenant\u202f: {status}.',
    'elevation.offer.longWait': 'L’attente est plus longue que d’habitude.',
    'elevation.offer.callback': 'Ne plus attendre — nous vous rappelons',
    'elevation.offer.email': 'Ne plus attendre — nous vous écrivons',
    'elevation.offer.sms': 'Ne plus attendre — nous vous envoyons un SMS',
    'elevation.offer.dismiss': 'Continuer d’attendre',
    'elevation.offer.announce': 'L’attente est plus longue que d’habitude. Vous pouvez cesser d’attendre et nous demander de vous contacter.',
    'elevation.closed.options': 'Vous pouvez quand même nous demander de vous contacter\u202f:',
  },
};

/** Locales the widget speaks. */
export const WIDGET_LOCALES = Object.keys(widgetCatalogue);

/** `plural()` lives beside the translator, so that a form can count without this catalogue. */
export { plural };

/**
 * "You're sending messages too fast…" for a text a rate limit holds back, `retryAfter` seconds
 * from now: in seconds up to two minutes, then in whole minutes.
 */
export function phraseRateLimited(t: Translate<WidgetKey>, locale: string, retryAfter: number | undefined): string {
  const seconds = Math.max(1, Math.ceil(retryAfter ?? 1));
  if (seconds < 120) return t(plural(locale, seconds, 'message.rateLimited.seconds.one', 'message.rateLimited.seconds.other'), { count: seconds });
  const minutes = Math.ceil(seconds / 60);
  return t(plural(locale, minutes, 'message.rateLimited.minutes.one', 'message.rateLimited.minutes.other'), { count: minutes });
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
