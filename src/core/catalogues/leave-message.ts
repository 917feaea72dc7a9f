/**
 * The texts of the chat's "leave a message" (`leave.*`), which opens the work-item form in the
 * panel, and the three the chat shares with that form (the reference, its announcement, "not
 * available"), in English and French. A module of its own, so that the chat offers "Leave a
 * message" without the form's catalogue, which comes with the form when it loads; the form's
 * catalogue (work-item.ts) spreads these in, so each text is written once.
 *
 * Invariant: English holds every key (the `Catalogue` type enforces it).
 */
import type { Catalogue } from '../i18n.js';

export type LeaveMessageKey =
  | 'done.reference'
  | 'done.announce'
  | 'unavailable'
  | 'leave.button'
  | 'leave.intro'
  | 'leave.back'
  | 'leave.done.title'
  | 'leave.done.text';

export const leaveMessageCatalogue: Catalogue<LeaveMessageKey> = {
  en: {
    'done.reference': 'Your reference',
    'done.announce': 'Request sent. Your reference is {reference}.',
    'unavailable': 'This form is not available.',
    'leave.button': 'Leave a message',
    'leave.intro': 'Nobody can answer right now. Leave a message and we will get back to you.',
    'leave.back': 'Back to chat',
    'leave.done.title': 'Message sent',
    'leave.done.text': 'We will get back to you. Quote this reference if you contact us about it.',
  },
  fr: {
    'done.reference': 'Votre référence',
    'done.announce': 'Demande envoyée. Votre référence est {reference}.',
    'unavailable': 'Ce formulaire n’est pas disponible.',
    'leave.button': 'Laisser un message',
    'leave.intro': 'Personne ne peut vous répondre pour le moment. Laissez un message et nous reviendrons vers vous.',
    'leave.back': 'Retour à la discussion',
    'leave.done.title': 'Message envoyé',
    'leave.done.text': 'Nous reviendrons vers vous. Indiquez cette référence si vous nous recontactez à ce sujet.',
  },
};
