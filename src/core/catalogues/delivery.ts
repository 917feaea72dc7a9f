/**
 * Strings of the connection and delivery states, shared by the customer widget and the agent
 * console (both show the same connection notice and the same per-message ticks), English and
 * French. Each app's catalogue spreads these in, so every text an app shows still comes from its
 * own catalogue.
 *
 * Invariant: English holds every key (the `Catalogue` type enforces it). The countdown is one
 * string with a `{seconds}` placeholder: elements redraw it once a second but announce it only
 * when the state changes, never per tick.
 */
import type { Catalogue } from '../i18n.js';

export type DeliveryKey =
  // The connection notice
  | 'connection.connecting'
  | 'connection.reconnecting'
  | 'connection.retryIn'
  | 'connection.rateLimited'
  | 'connection.offline'
  | 'connection.restored'
  // One's own messages
  | 'delivery.sending'
  | 'delivery.sent'
  | 'delivery.delivered'
  | 'delivery.read';

export const deliveryCatalogue: Catalogue<DeliveryKey> = {
  en: {
    'connection.connecting': 'Connecting…',
    'connection.reconnecting': 'Connection lost. Reconnecting…',
    'connection.retryIn': 'Connection lost. Retrying in {seconds} s…',
    'connection.rateLimited': 'Too many connections from your network. Retrying in {seconds} s…',
    'connection.offline': "You're offline. Your messages will be sent when you're back online.",
    'connection.restored': 'Connected again.',
    'delivery.sending': 'Sending…',
    'delivery.sent': 'Sent',
    'delivery.delivered': 'Delivered',
    'delivery.read': 'Read',
  },
  fr: {
    'connection.connecting': 'Connexion…',
    'connection.reconnecting': 'Connexion perdue. Reconnexion en cours…',
    // U+00A0: French keeps a number and its unit together.
    'connection.retryIn': 'Connexion perdue. Nouvelle tentative dans {seconds}\u00a0s…',
    'connection.rateLimited': 'Trop de connexions depuis votre réseau. Nouvelle tentative dans {seconds}\u00a0s…',
    'connection.offline': 'Vous êtes hors ligne. Vos messages partiront dès que vous serez de nouveau en ligne.',
    'connection.restored': 'Connexion rétablie.',
    'delivery.sending': 'Envoi en cours…',
    'delivery.sent': 'Envoyé',
    'delivery.delivered': 'Distribué',
    'delivery.read': 'Lu',
  },
};
