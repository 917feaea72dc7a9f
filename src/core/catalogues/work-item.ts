/**
 * Every text `<parley-work-item>` shows or gives to assistive technology, in English and French,
 * with the texts of the chat's "leave a message" (leave-message.ts) spread in.
 *
 * Invariant: the form holds no visible string or accessible name of its own; they come from here
 * through `translator()` (English holds every key, the `Catalogue` type enforces it). Placeholders
 * are `{name}`; plural forms are separate keys chosen with `plural()` (i18n.ts). The form's title,
 * subtitle and field labels are the profile's, inserted as text, never through a template.
 */
import type { AttachmentType } from '../../protocol/index.js';
import type { Catalogue } from '../i18n.js';
import { leaveMessageCatalogue, type LeaveMessageKey } from './leave-message.js';

export type WorkItemKey =
  | LeaveMessageKey
  | 'form.requiredNote'
  | 'form.choose'
  | 'form.submit'
  | 'form.sending'
  | 'form.tryNow'
  | 'form.pending'
  | 'files.hint.one'
  | 'files.hint.other'
  | 'files.list'
  | 'files.remove'
  | 'files.removeNamed'
  | 'files.removed'
  | 'files.again'
  | `files.type.${AttachmentType}`
  | 'error.summaryTitle'
  | 'error.summary.one'
  | 'error.summary.other'
  | 'error.summaryItem'
  | 'error.summaryItemAsked'
  | 'error.required'
  | 'error.requiredChoice'
  | 'error.requiredCheckbox'
  | 'error.requiredDate'
  | 'error.requiredFiles'
  | 'error.name'
  | 'error.email'
  | 'error.phone'
  | 'error.tooLong'
  | 'error.choice'
  | 'error.date'
  | 'error.filesTooMany.one'
  | 'error.filesTooMany.other'
  | 'error.fileEmpty'
  | 'error.fileName'
  | 'error.fileTooLarge'
  | 'error.fileType'
  | 'error.field'
  | 'alert.rateLimited.one'
  | 'alert.rateLimited.other'
  | 'alert.unavailable'
  | 'alert.other'
  | 'waiting.offline'
  | 'waiting.server'
  | 'done.title'
  | 'done.keep'
  | 'done.another'
  | 'preview.notSent';

export const workItemCatalogue: Catalogue<WorkItemKey> = {
  en: {
    ...leaveMessageCatalogue.en,
    'form.requiredNote': 'Fields marked * are required.',
    'form.choose': 'Choose…',
    'form.submit': 'Send',
    'form.sending': 'Sending…',
    'form.tryNow': 'Try again now',
    'form.pending': 'You started sending this before the page reloaded, and it may not have arrived. Send it again: it will not be filed twice.',
    'files.hint.one': 'One file ({types}), up to {size}.',
    'files.hint.other': 'Up to {count} files ({types}), up to {size} each.',
    'files.list': 'Files chosen for {label}',
    'files.remove': 'Remove',
    'files.removeNamed': 'Remove {name}',
    'files.removed': '{name} removed.',
    'files.again': 'Files cannot be kept when the page reloads. Choose them again: {names}.',
    'files.type.image/png': 'PNG',
    'files.type.image/jpeg': 'JPEG',
    'files.type.image/gif': 'GIF',
    'files.type.image/webp': 'WebP',
    'files.type.application/pdf': 'PDF',
    'files.type.text/plain': 'text',
    'files.type.application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
    'files.type.application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
    'error.summaryTitle': 'There is a problem',
    'error.summary.one': '{count} field needs your attention.',
    'error.summary.other': '{count} fields need your attention.',
    'error.summaryItem': '{label}: {message}',
    'error.summaryItemAsked': '{label} {message}',
    'error.required': 'Fill in this field.',
    'error.requiredChoice': 'Choose an option.',
    'error.requiredCheckbox': 'Tick this box to continue.',
    'error.requiredDate': 'Enter a date.',
    'error.requiredFiles': 'Choose at least one file.',
    'error.name': 'Enter a name of {max} characters or fewer.',
    'error.email': 'Enter an email address, like name@example.com.',
    'error.phone': 'Enter a phone number, like +44 20 7946 0958.',
    'error.tooLong': 'Shorten this to {max} characters or fewer.',
    'error.choice': 'Choose one of the options offered.',
    'error.date': 'Enter a complete date that exists.',
    'error.filesTooMany.one': 'Choose {count} file at most.',
    'error.filesTooMany.other': 'Choose {count} files at most.',
    'error.fileEmpty': '{name} is empty. Choose another file.',
    'error.fileName': 'The name of {name} is too long. Rename the file and choose it again.',
    'error.fileTooLarge': '{name} is larger than {size}. Choose a smaller file.',
    'error.fileType': '{name} is not a {types} file. Choose another file.',
    'error.field': 'Check this field.',
    'alert.rateLimited.one': 'Too many requests. Try again in {count} minute.',
    'alert.rateLimited.other': 'Too many requests. Try again in {count} minutes.',
    'alert.unavailable': 'This form is not available any more. What you wrote is kept on this page.',
    'alert.other': 'Your request could not be sent. Check it and try again.',
    'waiting.offline': 'You are offline. Your request is kept and will be sent as soon as you are back online.',
    'waiting.server': 'We cannot reach our server right now. Your request is kept, and we keep trying to send it.',
    'done.title': 'Request sent',
    'done.keep': 'Quote this reference if you contact us about this request.',
    'done.another': 'Send another request',
    'preview.notSent': 'Preview: the form is complete. Nothing is sent from a preview.',
  },
  fr: {
    ...leaveMessageCatalogue.fr,
    'form.requiredNote': 'Les champs marqués d’un * sont obligatoires.',
    'form.choose': 'Choisissez…',
    'form.submit': 'Envoyer',
    'form.sending': 'Envoi…',
    'form.tryNow': 'Réessayer maintenant',
    'form.pending': 'Vous avez commencé à envoyer ce formulaire avant que la page ne se recharge, et il n’est peut-être pas arrivé. Envoyez-le de nouveau\u202f: il ne sera pas enregistré deux fois.',
    'files.hint.one': 'Un fichier ({types}), {size} au maximum.',
    'files.hint.other': 'Jusqu’à {count} fichiers ({types}), {size} au maximum chacun.',
    'files.list': 'Fichiers choisis pour {label}',
    'files.remove': 'Retirer',
    'files.removeNamed': 'Retirer {name}',
    'files.removed': '{name} retiré.',
    'files.again': 'Les fichiers ne peuvent pas être conservés quand la page se recharge. Choisissez-les de nouveau\u202f: {names}.',
    'files.type.text/plain': 'texte',
    'error.summaryTitle': 'Il y a un problème',
    'error.summary.one': '{count} champ demande votre attention.',
    'error.summary.other': '{count} champs demandent votre attention.',
    // U+202F: French puts a narrow no-break space before a colon.
    'error.summaryItem': '{label}\u202f: {message}',
    'error.summaryItemAsked': '{label} {message}',
    'error.required': 'Remplissez ce champ.',
    'error.requiredChoice': 'Choisissez une option.',
    'error.requiredCheckbox': 'Cochez cette case pour continuer.',
    'error.requiredDate': 'Saisissez une date.',
    'error.requiredFiles': 'Choisissez au moins un fichier.',
    'error.name': 'Saisissez un nom de {max} caractères au maximum.',
    'error.email': 'Saisissez une adresse e-mail, par exemple nom@exemple.fr.',
    'error.phone': 'Saisissez un numéro de téléphone, par exemple +33 1 23 45 67 89.',
    'error.tooLong': 'Raccourcissez ce texte à {max} caractères au maximum.',
    'error.choice': 'Choisissez l’une des options proposées.',
    'error.date': 'Saisissez une date complète qui existe.',
    'error.filesTooMany.one': 'Choisissez {count} fichier au maximum.',
    'error.filesTooMany.other': 'Choisissez {count} fichiers au maximum.',
    'error.fileEmpty': '{name} est vide. Choisissez un autre fichier.',
    'error.fileName': 'Le nom de {name} est trop long. Renommez le fichier et choisissez-le de nouveau.',
    'error.fileTooLarge': '{name} dépasse {size}. Choisissez un fichier plus petit.',
    'error.fileType': '{name} n’est pas un fichier {types}. Choisissez un autre fichier.',
    'error.field': 'Vérifiez ce champ.',
    'alert.rateLimited.one': 'Trop de demandes. Réessayez dans {count} minute.',
    'alert.rateLimited.other': 'Trop de demandes. Réessayez dans {count} minutes.',
    'alert.unavailable': 'Ce formulaire n’est plus disponible. Ce que vous avez écrit reste sur cette page.',
    'alert.other': 'Votre demande n’a pas pu être envoyée. Vérifiez-la et réessayez.',
    'waiting.offline': 'Vous êtes hors ligne. Votre demande est conservée et partira dès que vous serez de nouveau en ligne.',
    'waiting.server': 'Notre serveur est injoignable pour le moment. Votre demande est conservée et nous continuons d’essayer de l’envoyer.',
    'done.title': 'Demande envoyée',
    'done.keep': 'Indiquez cette référence si vous nous recontactez au sujet de cette demande.',
    'done.another': 'Envoyer une autre demande',
    'preview.notSent': 'Aperçu : le formulaire est complet. Rien n’est envoyé depuis un aperçu.',
  },
};

/** Locales the form speaks. */
export const WORK_ITEM_LOCALES = Object.keys(workItemCatalogue);

/** A list of alternatives in the locale's words: `PNG, JPEG or PDF`, `PNG, JPEG ou PDF`. */
export function formatChoices(locale: string, items: readonly string[]): string {
  try {
    return new Intl.ListFormat(locale, { style: 'long', type: 'disjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}
