/**
 * Strings of the agent console (`<parley-agent-console>` and its parts), English and French. The
 * staff sign-in and session strings it shares with the studio come from sign-in.ts; the connection
 * and delivery states it shares with the widget, from delivery.ts.
 *
 * Invariant: English holds every key (the `Catalogue` type enforces it); French may lag and then
 * falls back to English. Accessible names that end-to-end tests rely on ("Accept", "Decline",
 * "Message", "Send", "Disposition", "Note", "End chat", and sign-in.ts's "Username", "Password",
 * "Sign in") are the English values of their keys; change them only together with those tests.
 */
import type { ErrorCode } from '../../protocol/index.js';
import type { Catalogue } from '../i18n.js';
import { deliveryCatalogue, type DeliveryKey } from './delivery.js';
import { signInCatalogue, type SignInKey } from './sign-in.js';

export type ConsoleKey =
  | SignInKey
  | DeliveryKey
  // Sign-in
  | 'signInHeading'
  | 'notAnAgent'
  | 'sessionExpired'
  // Header
  | 'consoleHeading'
  | 'available'
  | 'unavailable'
  | 'goAvailable'
  | 'goUnavailable'
  // Offers
  | 'offersHeading'
  | 'noOffersAvailable'
  | 'noOffersUnavailable'
  | 'newOffer'
  | 'visitor'
  | 'offerLabel'
  | 'noPreview'
  | 'timeLeft'
  | 'expired'
  | 'accept'
  | 'decline'
  // Conversation list
  | 'conversationsHeading'
  | 'noConversations'
  | 'unread'
  | 'statusActive'
  | 'statusWrapup'
  | 'newMessageFrom'
  | 'customerSaid'
  | 'customerLeftAnnouncement'
  // Conversation
  | 'chatWith'
  | 'transcriptLabel'
  | 'you'
  | 'notSent'
  | 'retry'
  | 'typing'
  | 'message'
  | 'send'
  | 'composerHint'
  | 'eventAgentJoined'
  | 'eventAgentLeft'
  | 'eventEndedCustomer'
  | 'eventEndedAgent'
  | 'eventEndedSystem'
  | 'eventElevatedCallback'
  | 'eventElevatedEmail'
  | 'eventElevatedSms'
  | 'customerLeft'
  | 'chatOver'
  | 'wrapupHeading'
  | 'disposition'
  | 'chooseDisposition'
  | 'note'
  | 'endChat'
  | 'ending'
  | 'noSelection'
  | 'dismiss'
  // Errors, by protocol code where one applies
  | 'errorGeneric'
  | 'errorMessageEmpty'
  | 'errorMessageTooLong'
  | 'errorOfferGone'
  | 'errorConversationEnded'
  | 'errorConversationNotFound'
  | 'errorCapacity'
  | 'errorNotConnected'
  | 'errorForbidden'
  | 'errorInvalidField';

export const consoleCatalogue: Catalogue<ConsoleKey> = {
  en: {
    ...signInCatalogue.en,
    ...deliveryCatalogue.en,
    signInHeading: 'Sign in to the agent console',
    notAnAgent: 'This account is not an agent account. Sign in as an agent to take chats.',
    sessionExpired: 'Your session has ended. Sign in again.',
    consoleHeading: 'Agent console',
    available: 'Available',
    unavailable: 'Unavailable',
    goAvailable: 'Go available',
    goUnavailable: 'Go unavailable',
    offersHeading: 'Offers',
    noOffersAvailable: 'Waiting for chats…',
    noOffersUnavailable: 'Go available to receive chats.',
    newOffer: 'New chat from {customer} on {poc}.',
    visitor: 'Visitor',
    offerLabel: 'Chat offer: {customer}, {poc}',
    noPreview: 'No message yet.',
    timeLeft: '{seconds} s left',
    expired: 'Expired',
    accept: 'Accept',
    decline: 'Decline',
    conversationsHeading: 'Conversations',
    noConversations: 'No conversations yet.',
    unread: '{count} unread',
    statusActive: 'Active',
    statusWrapup: 'Awaiting wrap-up',
    newMessageFrom: 'New message from {customer}.',
    customerSaid: '{customer}: {text}',
    customerLeftAnnouncement: '{customer} left the chat.',
    chatWith: 'Chat with {customer}',
    transcriptLabel: 'Transcript with {customer}',
    you: 'You',
    notSent: 'Not sent.',
    retry: 'Retry',
    typing: '{name} is typing…',
    message: 'Message',
    send: 'Send',
    composerHint: 'Enter sends, Shift+Enter starts a new line.',
    eventAgentJoined: '{name} joined the chat.',
    eventAgentLeft: '{name} left the chat.',
    eventEndedCustomer: 'The customer left the chat.',
    eventEndedAgent: 'The chat was ended by the agent.',
    eventEndedSystem: 'The chat was closed.',
    eventElevatedCallback: 'Elevated to a callback ({reference}).',
    eventElevatedEmail: 'Elevated to an email ({reference}).',
    eventElevatedSms: 'Elevated to a text message ({reference}).',
    customerLeft: 'The customer left the chat. Choose a disposition to finish it.',
    chatOver: 'This chat is over. Choose a disposition to finish it.',
    wrapupHeading: 'Wrap-up',
    disposition: 'Disposition',
    chooseDisposition: 'Choose a disposition',
    note: 'Note',
    endChat: 'End chat',
    ending: 'Ending the chat…',
    noSelection: 'Accept an offer or select a conversation to see it here.',
    dismiss: 'Dismiss',
    errorGeneric: 'Something went wrong. Try again.',
    errorMessageEmpty: 'Type a message first.',
    errorMessageTooLong: 'The message is too long: {max} characters at most.',
    errorOfferGone: 'This offer is no longer available.',
    errorConversationEnded: 'This chat has already ended.',
    errorConversationNotFound: 'This conversation is no longer yours.',
    errorCapacity: 'You are at capacity: finish a chat before accepting another.',
    errorNotConnected: 'The server did not answer. Try again in a moment.',
    errorForbidden: 'You are not allowed to do that.',
    errorInvalidField: 'Something in the form is not valid. Check it and try again.',
  },
  fr: {
    ...signInCatalogue.fr,
    ...deliveryCatalogue.fr,
    signInHeading: 'Connexion à la console agent',
    notAnAgent: "Ce compte n'est pas un compte agent. Connectez-vous en tant qu'agent pour prendre des conversations.",
    sessionExpired: 'Votre session a pris fin. Reconnectez-vous.',
    consoleHeading: 'Console agent',
    available: 'Disponible',
    unavailable: 'Indisponible',
    goAvailable: 'Passer disponible',
    goUnavailable: 'Passer indisponible',
    offersHeading: 'Propositions',
    noOffersAvailable: 'En attente de conversations…',
    noOffersUnavailable: 'Passez disponible pour recevoir des conversations.',
    newOffer: 'Nouvelle conversation de {customer} sur {poc}.',
    visitor: 'Visiteur',
    offerLabel: 'Proposition : {customer}, {poc}',
    noPreview: 'Pas encore de message.',
    timeLeft: '{seconds} s restantes',
    expired: 'Expirée',
    accept: 'Accepter',
    decline: 'Refuser',
    conversationsHeading: 'Conversations',
    noConversations: 'Aucune conversation pour le moment.',
    unread: '{count} non lus',
    statusActive: 'En cours',
    statusWrapup: 'À clôturer',
    newMessageFrom: 'Nouveau message de {customer}.',
    customerSaid: '{customer} : {text}',
    customerLeftAnnouncement: '{customer} a quitté la conversation.',
    chatWith: 'Conversation avec {customer}',
    transcriptLabel: 'Échanges avec {customer}',
    you: 'Vous',
    notSent: 'Non envoyé.',
    retry: 'Réessayer',
    typing: '{name} écrit…',
    message: 'Message',
    send: 'Envoyer',
    composerHint: 'Entrée envoie, Maj+Entrée va à la ligne.',
    eventAgentJoined: '{name} a rejoint la conversation.',
    eventAgentLeft: '{name} a quitté la conversation.',
    eventEndedCustomer: 'Le client a quitté la conversation.',
    eventEndedAgent: "La conversation a été terminée par l'agent.",
    eventEndedSystem: 'La conversation a été fermée.',
    eventElevatedCallback: 'Élevée vers un rappel ({reference}).',
    eventElevatedEmail: 'Élevée vers un courriel ({reference}).',
    eventElevatedSms: 'Élevée vers un SMS ({reference}).',
    customerLeft: 'Le client a quitté la conversation. Choisissez une qualification pour la clôturer.',
    chatOver: 'Cette conversation est terminée. Choisissez une qualification pour la clôturer.',
    wrapupHeading: 'Clôture',
    disposition: 'Qualification',
    chooseDisposition: 'Choisissez une qualification',
    note: 'Note',
    endChat: 'Terminer la conversation',
    ending: 'Clôture de la conversation…',
    noSelection: 'Acceptez une proposition ou choisissez une conversation pour l’afficher ici.',
    dismiss: 'Fermer',
    errorGeneric: 'Une erreur est survenue. Réessayez.',
    errorMessageEmpty: "Saisissez d'abord un message.",
    errorMessageTooLong: 'Le message est trop long : {max} caractères au maximum.',
    errorOfferGone: "Cette proposition n'est plus disponible.",
    errorConversationEnded: 'Cette conversation est déjà terminée.',
    errorConversationNotFound: "Cette conversation ne vous est plus attribuée.",
    errorCapacity: 'Vous êtes à pleine capacité : terminez une conversation avant d’en accepter une autre.',
    errorNotConnected: "Le serveur n'a pas répondu. Réessayez dans un instant.",
    errorForbidden: "Vous n'êtes pas autorisé à faire cela.",
    errorInvalidField: "Un champ du formulaire n'est pas valide. Vérifiez-le et réessayez.",
  },
};

/** Locales the console speaks. */
export const CONSOLE_LOCALES = ['en', 'fr'] as const;

/** The catalogue key that explains a protocol error to the agent. */
export function consoleErrorKey(code: ErrorCode): ConsoleKey {
  switch (code) {
    case 'message_empty':
      return 'errorMessageEmpty';
    case 'message_too_long':
      return 'errorMessageTooLong';
    case 'offer_not_found':
      return 'errorOfferGone';
    case 'conversation_ended':
      return 'errorConversationEnded';
    case 'conversation_not_found':
      return 'errorConversationNotFound';
    case 'capacity_reached':
      return 'errorCapacity';
    case 'not_authenticated':
      return 'sessionExpired';
    case 'forbidden':
      return 'errorForbidden';
    case 'invalid_field':
    case 'invalid_payload':
      return 'errorInvalidField';
    case 'internal_error':
      // AgentSession reports a lost connection or a missing ack with this code.
      return 'errorNotConnected';
    default:
      return 'errorGeneric';
  }
}
