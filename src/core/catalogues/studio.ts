/**
 * Strings of the chat-profile studio (`<parley-studio>` and its parts), English and French, and
 * the two functions that put the validator's findings into words: `fieldName()` (which setting a
 * dotted path is) and `issueText()` (what is wrong with it and how to fix it).
 *
 * Invariants: English holds every key (the `Catalogue` type enforces it); French may lag and then
 * falls back to English. The validator's own messages (core/profile.ts) are English for developers
 * and logs; the studio never shows them, it says the same thing here, in the marketer's language.
 * Accessible names that tests rely on ("Point of contact", "Save", "Apply preset", "Title", "Brand",
 * and sign-in.ts's "Username", "Password", "Sign in") are the English values of their keys. The
 * staff sign-in and session strings it shares with the console come from sign-in.ts.
 */
import { LIMITS, type ChatProfile, type ProfileIssue } from '../../protocol/index.js';
import { contrastRatio } from '../contrast.js';
import { skillProblem } from '../elevation-skills.js';
import type { Catalogue, Translate } from '../i18n.js';
import { MIN_CONTRAST, NUMBER_RANGES, TEXT_LIMITS, type NumberPath } from '../profile.js';

export { NUMBER_RANGES, type NumberPath };
import { signInCatalogue } from './sign-in.js';


const en = {
  // Sign-in and page
  ...signInCatalogue.en,
  studioHeading: 'Chat profile studio',
  signInHeading: 'Sign in to the chat profile studio',
  notAllowed: 'Your account cannot edit chat profiles. Sign in with a marketer or administrator account.',
  sessionExpired: 'Your session has ended. Sign in again; your unsaved changes are still here.',
  // Toolbar
  poc: 'Point of contact',
  pocInactive: '{name} (inactive)',
  loadingPocs: 'Loading points of contact…',
  noPocs: 'There is no chat or work-item form to style yet. An administrator creates them.',
  'pocGroup.chat': 'Chat',
  'pocGroup.workitem': 'Work-item form',
  pocsFailed: 'The points of contact could not be loaded.',
  loadingProfile: 'Loading the chat profile…',
  profileFailed: 'This chat profile could not be loaded.',
  retry: 'Try again',
  preset: 'Preset',
  presetHint: 'Changes the look only: your texts and settings stay.',
  applyPreset: 'Apply preset',
  presetApplied: '“{name}” applied: colours, font, corners, spacing, panel size and launcher look replaced; texts, pre-chat form and settings kept. Not saved yet.',
  undo: 'Undo',
  undone: 'Preset undone.',
  importJson: 'Import JSON…',
  exportJson: 'Export JSON',
  imported: '“{file}” imported. Check it in the preview; nothing is saved until you press Save.',
  importedWithProblems: '“{file}” imported with {count} problems, listed below. Nothing is saved until you press Save.',
  importNotJson: '“{file}” is not a JSON file Parley can read.',
  importTooLarge: '“{file}” is too large for a chat profile (over {max} kB).',
  exported: 'Profile exported as {file}.',
  save: 'Save',
  saving: 'Saving…',
  saved: 'Saved at {time}. Customers see the change the next time a page with the chat loads.',
  savedNoChange: 'Nothing had changed since the last save.',
  saveFailed: 'The profile could not be saved. Check your connection and try again.',
  saveRefused: 'The server refused the profile: fix the problems marked below, then save again.',
  saveForbidden: 'Your account is not allowed to save chat profiles.',
  saveNotFound: 'This point of contact no longer exists or no longer has a chat profile.',
  nothingToSave: 'No changes to save.',
  blocked: 'Save is unavailable until {count} problems are fixed.',
  blockedOne: 'Save is unavailable until 1 problem is fixed.',
  unsaved: 'Unsaved changes',
  allSaved: 'All changes saved',
  shortcut: 'Ctrl+S saves.',
  problemsHeading: 'Problems to fix before saving',
  warningsHeading: 'Warnings',
  goToField: 'Go to {field}',
  cleanUp: 'Remove unknown settings and reset invalid values',
  cleanUpHint: 'Settings Parley does not know, and values it cannot use, are replaced by the defaults.',
  cleanedUp: 'Unknown settings removed and invalid values reset to their defaults.',
  announceProblems: '{count} problems to fix before saving.',
  announceOneProblem: '1 problem to fix before saving.',
  announceNoProblems: 'No problems left.',
  // Unsaved-changes dialog
  confirmHeading: 'Discard unsaved changes?',
  confirmSwitch: 'Your changes to “{poc}” are not saved. If you switch to “{next}”, they are lost.',
  confirmSignOut: 'Your changes to “{poc}” are not saved. If you sign out, they are lost.',
  discard: 'Discard changes',
  keepEditing: 'Keep editing',
  // Preview
  previewHeading: 'Preview',
  goToPreview: 'Go to the preview',
  previewNote: 'The real chat with a sample conversation. Nothing you type here is sent.',
  previewScheme: 'Colour scheme',
  previewLight: 'Light',
  previewDark: 'Dark',
  previewWidth: 'Width',
  previewWide: 'Desktop',
  previewNarrow: 'Phone (390 px)',
  previewLanguage: 'Language',
  previewScreen: 'Show',
  previewConversation: 'Conversation',
  previewPrechat: 'Pre-chat form',
  previewClosed: 'Closed',
  previewFixedMode: 'Colour mode is “{mode}”: customers always see the {mode} colours.',
  previewFormNote: 'The real form, as customers see it on your website. Nothing sent from here is filed.',
  // History
  historyHeading: 'Recent saves',
  historyLoading: 'Loading the history…',
  historyEmpty: 'No saves yet.',
  historyFailed: 'The history could not be loaded.',
  historyEntry: '{actor}, {time}',
  historyUnknownActor: 'Someone',
  historyChanges: '{count} changes',
  historyOneChange: '1 change',
  historyShowMore: 'Show {count} older saves',
  historyEmptyValue: '(empty)',
  historyYes: 'on',
  historyNo: 'off',
  historyField: '{name}:',
  historyFrom: 'from',
  historyTo: 'to',
  // Form sections
  'section.colours': 'Colours',
  'section.texts': 'Texts',
  'section.launcher': 'Launcher button',
  'section.header': 'Header images',
  'section.layout': 'Font and layout',
  'section.prechat': 'Pre-chat form',
  'section.elevations': 'Callback, email and text requests',
  'section.behaviour': 'When closed, sounds and transcript',
  'section.workitem': 'Form fields',
  'problem.errorPrefix': 'Error:',
  'problem.warningPrefix': 'Warning:',
  'number.range': 'From {min} to {max}.',
  'number.rangeUnit': 'From {min} to {max} {unit}.',
  // Colours
  'theme.mode': 'Colour mode',
  'theme.mode.hint': 'Automatic follows each visitor’s light or dark setting.',
  'mode.auto': 'Automatic',
  'mode.light': 'Light',
  'mode.dark': 'Dark',
  'palette.light': 'Light colours',
  'palette.dark': 'Dark colours',
  'color.brand': 'Brand',
  'color.brand.hint': 'Launcher, header and the customer’s messages.',
  'color.onBrand': 'Text on brand',
  'color.onBrand.hint': 'Text and icons on the brand colour.',
  'color.surface': 'Background',
  'color.surface.hint': 'Background of the chat panel.',
  'color.text': 'Text',
  'color.text.hint': 'Text on the background.',
  'color.picker': '{name}, colour picker',
  'contrast.ok': 'Contrast with {against}: {ratio}:1, easy to read.',
  allowLowContrast: 'Allow low contrast (not recommended)',
  'allowLowContrast.hint': 'Lets you save colours under the 4.5:1 contrast that WCAG AA asks for. Some customers will not be able to read the chat.',
  // Texts
  defaultLocale: 'Default language',
  'defaultLocale.hint': 'Used when the page and the visitor’s browser ask for no language Parley speaks.',
  'language.en': 'English',
  'language.fr': 'French',
  'texts.tabs': 'Language of the texts',
  'texts.tabBase': 'English (base)',
  'texts.tabProblems': '({count} to fix)',
  'texts.translationHint': 'Leave a text empty to show the English one.',
  'text.title': 'Title',
  'text.title.hint': 'At the top of the chat. Required.',
  'text.subtitle': 'Subtitle',
  'text.subtitle.hint': 'Under the title, for example your opening hours.',
  'text.greeting': 'Greeting',
  'text.greeting.hint': 'The first message customers see.',
  'text.placeholder': 'Message box placeholder',
  'text.placeholder.hint': 'Shown in the empty message box. Empty: Parley’s own.',
  'text.placeholder.default': 'Write a message…',
  'text.offlineMessage': 'Closed message',
  'text.offlineMessage.hint': 'Shown while the chat is closed.',
  'text.launcherLabel': 'Launcher label',
  'text.launcherLabel.hint': 'Beside the launcher icon. Empty: an icon-only launcher.',
  counter: '{count} of {max} characters',
  // Launcher, header, layout
  'launcher.position': 'Position',
  'position.bottom-right': 'Bottom right',
  'position.bottom-left': 'Bottom left',
  'launcher.shape': 'Shape',
  'shape.circle': 'Circle',
  'shape.rounded': 'Rounded square',
  'shape.square': 'Square',
  'launcher.icon': 'Icon',
  'icon.chat': 'Speech bubble',
  'icon.help': 'Question mark',
  'icon.headset': 'Headset',
  'icon.message': 'Envelope',
  'icon.image': 'Image from a web address',
  'launcher.iconUrl': 'Icon image address',
  'launcher.iconUrl.hint': 'An https:// address of a square image.',
  'launcher.offsetX': 'Distance from the side',
  'launcher.offsetY': 'Distance from the bottom',
  'launcher.labelNote': 'The launcher’s text is under Texts, with its translations.',
  'header.logoUrl': 'Logo address',
  'header.logoUrl.hint': 'An https:// address. Shown in the header. Empty: no logo.',
  'header.agentAvatarUrl': 'Default agent picture address',
  'header.agentAvatarUrl.hint': 'An https:// address. Empty: the agent’s initials.',
  'theme.font': 'Font',
  'font.inherit': 'Same as the website',
  'font.system': 'System',
  'font.sans': 'Sans serif',
  'font.serif': 'Serif',
  'font.rounded': 'Rounded',
  'font.mono': 'Monospace',
  'theme.density': 'Spacing',
  'density.compact': 'Compact',
  'density.comfortable': 'Comfortable',
  'density.spacious': 'Spacious',
  'theme.radius': 'Corner radius',
  'theme.panelWidth': 'Panel width',
  'theme.panelHeight': 'Panel height',
  'theme.zIndex': 'Stacking level (z-index)',
  // Pre-chat form
  'prechat.enabled': 'Ask for details before the chat starts',
  'prechat.enabled.hint': 'Customers fill in the fields below first.',
  'prechat.none': 'No fields yet.',
  'prechat.add': 'Add a field',
  'prechat.limit': 'Up to {max} fields.',
  'prechat.full': 'The form has the most fields allowed ({max}).',
  'prechat.newLabel': 'New question',
  'prechat.untitled': 'untitled',
  'prechat.legend': 'Field {n}: {label}',
  'prechat.type': 'Type',
  'fieldType.name': 'Name',
  'fieldType.email': 'Email address',
  'fieldType.phone': 'Phone number',
  'fieldType.text': 'Short text',
  'fieldType.select': 'Choice list',
  'fieldType.checkbox': 'Checkbox',
  'fieldType.textarea': 'Long text',
  'fieldType.date': 'Date',
  'fieldType.file': 'File upload',
  'prechat.label': 'Label (English)',
  'prechat.labelIn': 'Label ({language})',
  'prechat.id': 'Answer key',
  'prechat.id.hint': 'How the answer is named for agents and reports: letters, digits, - or _.',
  'prechat.required': 'Required',
  'prechat.options': 'Choices',
  'prechat.options.hint': 'One choice per line.',
  'prechat.moveUp': 'Move up',
  'prechat.moveDown': 'Move down',
  'prechat.remove': 'Remove',
  'prechat.moved': 'Field moved to position {n}.',
  'prechat.removed': 'Field removed.',
  // Work-item form
  'workitem.intro': 'The questions of the form customers fill in on your website. Each form sent reaches agents as a work item, with its answers and files.',
  'workitem.required.checkbox': 'A required checkbox must be ticked to send the form, as for a consent.',
  'workitem.required.file': 'A required file field needs at least one file.',
  'workitem.accept': 'Accepted file types',
  'workitem.accept.hint': 'Parley checks each file’s content, not only its name.',
  'workitem.maxFiles': 'Most files',
  'workitem.maxFileBytes': 'Largest file',
  'workitem.maxFileBytes.hint': 'In MB: at least 1 kB, at most {max} MB.',
  'attachment.image/png': 'PNG image',
  'attachment.image/jpeg': 'JPEG image',
  'attachment.image/gif': 'GIF image',
  'attachment.image/webp': 'WebP image',
  'attachment.application/pdf': 'PDF document',
  'attachment.text/plain': 'Plain text (.txt)',
  'attachment.application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document (.docx)',
  'attachment.application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel workbook (.xlsx)',
  // Elevations and behaviour
  'elevations.intro': 'Ways customers can ask to be contacted instead of chatting. Each request goes to the skill you choose.',
  'elevation.callback': 'Call me back',
  'elevation.email': 'Email me',
  'elevation.sms': 'Text me',
  'elevation.offer': 'Offer “{name}”',
  'elevation.skill': 'Skill',
  'elevation.skill.hint': 'Your teams’ skills for {channel}.',
  'elevation.skill.none': 'No skill',
  'elevation.skill.inactive': '{name} (deactivated)',
  'elevation.skill.unknown': 'Unknown skill “{id}”',
  'elevation.skill.otherChannel': '{name} (for {channel})',
  'elevation.skill.inactiveNote': 'A deactivated skill cannot be chosen while “{name}” is offered.',
  'elevation.skill.empty': 'Your teams have no skill for {channel} yet: an administrator creates one.',
  'elevation.skillId': 'Skill id',
  'elevation.skillId.hint': 'The list of skills could not be loaded: enter the id of the skill that receives these requests.',
  'channel.chat': 'chat',
  'channel.email': 'email',
  'channel.voice': 'voice calls',
  'channel.sms': 'text messages',
  'channel.workitem': 'work items',
  'elevations.afterRequest': 'After a request made from the chat',
  'afterRequest.continue': 'The chat goes on',
  'afterRequest.continue.hint': 'The customer can keep chatting while the request waits.',
  'afterRequest.end': 'The chat ends',
  'afterRequest.end.hint': 'The chat closes once the customer has seen the confirmation.',
  'offline.behaviour': 'When the chat is closed',
  'offline.behaviour.hint': 'Opening hours come from the point of contact’s script.',
  'offline.message': 'Show the closed message',
  'offline.leave-message': 'Let customers leave a message',
  'offline.hide': 'Hide the chat',
  'offline.workItemPoc': 'Form that takes the messages',
  'offline.workItemPoc.hint': 'A message left while the chat is closed becomes a work item of this form’s point of contact, answered by its team.',
  'offline.workItemPoc.none': 'Choose a form',
  'offline.workItemPoc.inactive': '{name} (inactive)',
  'offline.workItemPoc.chat': '{name} (a chat, not a form)',
  'offline.workItemPoc.unlisted': 'Point of contact “{id}”',
  'offline.workItemPoc.empty': 'Your teams have no work-item form yet: an administrator creates one.',
  'offline.workItemPoc.inactiveNote': 'An inactive form cannot be chosen while customers may leave a message.',
  sounds: 'Play a sound for new messages',
  'sounds.hint': 'Only after the customer has opened the chat.',
  transcriptDownload: 'Let customers download the transcript',
  'transcriptDownload.hint': 'Adds a download button to the chat.',
  // Field names (problem list, history)
  'field.version': 'Profile format version',
  'field.profile': 'The whole profile',
  'field.text': '{name} ({language})',
  'field.palette': '{palette}: {name}',
  'field.prechat': 'Pre-chat field {n}: {name}',
  'field.prechatField': 'Pre-chat field {n}',
  'field.prechatFields': 'Pre-chat fields',
  'field.prechatEnabled': 'Pre-chat form',
  'field.elevation': '{name}: {what}',
  'field.elevationEnabled': 'offered',
  'field.workitem': 'Form field {n}: {name}',
  'field.workitemField': 'Form field {n}',
  'field.workitemFields': 'Form fields',
  'field.unknown': '“{path}”',
  // Problems
  'issue.unknown': 'Not a chat profile setting: remove it.',
  'issue.contrast': 'Contrast with {against} is {ratio}:1, under the {min}:1 customers need to read it. Choose a darker or lighter colour.',
  'issue.colour': 'Enter a colour as # and 6 hexadecimal digits, for example #1a5fb4.',
  'issue.number': 'Enter a whole number from {min} to {max}.',
  'issue.url': 'Enter an image address starting with https://.',
  'issue.required': 'Enter a title.',
  'issue.textMax': 'Use at most {max} characters (now {count}).',
  'issue.text': 'Enter text of at most {max} characters.',
  'issue.fieldId': 'Use 1 to 40 letters, digits, - or _.',
  'issue.duplicateId': 'Another field already uses this answer key.',
  'issue.fieldLabel': 'Enter a label of 1 to 80 characters.',
  'issue.options': 'List 1 to 20 choices of at most 80 characters, one per line.',
  'issue.choice': 'Choose one of the options.',
  'issue.skillRequired': 'Choose the skill these requests go to, or stop offering them.',
  'issue.skillId': 'Use 1 to 40 letters, digits, - or _.',
  'issue.skillUnknown': 'This skill belongs to none of your teams. Choose one from the list.',
  'issue.skillInactive': 'This skill is deactivated. Choose an active skill, or stop offering these requests.',
  'issue.skillChannel': 'This skill handles {channel}; “{name}” requests need a skill for {needs}. Choose one from the list.',
  'issue.boolean': 'Must be on or off.',
  'issue.version': 'This file is for another version of the chat profile format.',
  'issue.fieldsList': 'The pre-chat form holds at most 10 fields.',
  'issue.workitemFields': 'A form has 1 to {max} fields.',
  'issue.accept': 'Tick one or more of the file types listed.',
  'issue.fileSize': 'Enter a size of at least 1 kB and at most {max} MB.',
  'issue.fileOnly': 'File types, number and size apply to file fields only.',
  'issue.workItemPocRequired': 'Choose the form that takes the messages, or stop offering to leave one.',
  'issue.workItemPocUnknown': 'This form is none of your teams’. Choose one from the list.',
  'issue.workItemPocChannel': 'This point of contact is not a work-item form. Choose a form from the list.',
  'issue.workItemPocInactive': 'This form is inactive. Choose an active form, or stop offering to leave a message.',
  'issue.pocId': 'Use 1 to 64 letters, digits, - or _.',
  'issue.invalid': 'This value cannot be used.',
};

export type StudioKey = keyof typeof en;

export const studioCatalogue: Catalogue<StudioKey> = {
  en,
  fr: {
    ...signInCatalogue.fr,
    studioHeading: 'Studio des profils de discussion',
    signInHeading: 'Connexion au studio des profils de discussion',
    notAllowed: 'Votre compte ne peut pas modifier les profils de discussion. Connectez-vous avec un compte marketing ou administrateur.',
    sessionExpired: 'Votre session a pris fin. Reconnectez-vous\u202f; vos modifications non enregistrées sont conservées.',
    poc: 'Point de contact',
    pocInactive: '{name} (inactif)',
    'pocGroup.chat': 'Discussion',
    'pocGroup.workitem': "Formulaire d'élément de travail",
    loadingPocs: 'Chargement des points de contact…',
    noPocs: "Il n'y a encore aucune discussion ni aucun formulaire d'élément de travail à personnaliser. Un administrateur les crée.",
    pocsFailed: "Les points de contact n'ont pas pu être chargés.",
    loadingProfile: 'Chargement du profil de discussion…',
    profileFailed: "Ce profil de discussion n'a pas pu être chargé.",
    retry: 'Réessayer',
    preset: 'Modèle',
    presetHint: "Ne change que l'apparence\u202f: vos textes et réglages restent.",
    applyPreset: 'Appliquer le modèle',
    presetApplied: "«\u202f{name}\u202f» appliqué\u202f: couleurs, police, coins, espacement, taille du panneau et apparence du lanceur remplacés\u202f; textes, formulaire préalable et réglages conservés. Pas encore enregistré.",
    undo: 'Annuler',
    undone: 'Modèle annulé.',
    importJson: 'Importer un JSON…',
    exportJson: 'Exporter en JSON',
    imported: "«\u202f{file}\u202f» importé. Vérifiez-le dans l'aperçu\u202f; rien n'est enregistré avant que vous appuyiez sur Enregistrer.",
    importedWithProblems: "«\u202f{file}\u202f» importé avec {count} problèmes, listés ci-dessous. Rien n'est enregistré avant que vous appuyiez sur Enregistrer.",
    importNotJson: "«\u202f{file}\u202f» n'est pas un fichier JSON que Parley peut lire.",
    importTooLarge: '«\u202f{file}\u202f» est trop volumineux pour un profil de discussion (plus de {max} ko).',
    exported: 'Profil exporté sous le nom {file}.',
    save: 'Enregistrer',
    saving: 'Enregistrement…',
    saved: "Enregistré à {time}. Les clients voient le changement au prochain chargement d'une page avec la discussion.",
    savedNoChange: "Rien n'avait changé depuis le dernier enregistrement.",
    saveFailed: "Le profil n'a pas pu être enregistré. Vérifiez votre connexion et réessayez.",
    saveRefused: 'Le serveur a refusé le profil\u202f: corrigez les problèmes signalés ci-dessous, puis enregistrez de nouveau.',
    saveForbidden: "Votre compte n'est pas autorisé à enregistrer les profils de discussion.",
    saveNotFound: "Ce point de contact n'existe plus ou n'a plus de profil de discussion.",
    nothingToSave: 'Aucune modification à enregistrer.',
    blocked: "Enregistrement impossible tant que {count} problèmes ne sont pas corrigés.",
    blockedOne: "Enregistrement impossible tant qu'un problème n'est pas corrigé.",
    unsaved: 'Modifications non enregistrées',
    allSaved: 'Toutes les modifications sont enregistrées',
    shortcut: 'Ctrl+S enregistre.',
    problemsHeading: "Problèmes à corriger avant d'enregistrer",
    warningsHeading: 'Avertissements',
    goToField: 'Aller à {field}',
    cleanUp: 'Retirer les réglages inconnus et réinitialiser les valeurs invalides',
    cleanUpHint: 'Les réglages que Parley ne connaît pas et les valeurs inutilisables sont remplacés par les valeurs par défaut.',
    cleanedUp: 'Réglages inconnus retirés et valeurs invalides remises par défaut.',
    announceProblems: "{count} problèmes à corriger avant d'enregistrer.",
    announceOneProblem: "1 problème à corriger avant d'enregistrer.",
    announceNoProblems: 'Plus aucun problème.',
    confirmHeading: 'Abandonner les modifications non enregistrées\u202f?',
    confirmSwitch: 'Vos modifications de «\u202f{poc}\u202f» ne sont pas enregistrées. Si vous passez à «\u202f{next}\u202f», elles seront perdues.',
    confirmSignOut: 'Vos modifications de «\u202f{poc}\u202f» ne sont pas enregistrées. Si vous vous déconnectez, elles seront perdues.',
    discard: 'Abandonner les modifications',
    keepEditing: 'Continuer la modification',
    previewHeading: 'Aperçu',
    goToPreview: "Aller à l'aperçu",
    previewNote: "La vraie discussion, avec une conversation d'exemple. Rien de ce que vous y écrivez n'est envoyé.",
    previewScheme: 'Jeu de couleurs',
    previewLight: 'Clair',
    previewDark: 'Sombre',
    previewWidth: 'Largeur',
    previewWide: 'Ordinateur',
    previewNarrow: 'Téléphone (390 px)',
    previewLanguage: 'Langue',
    previewScreen: 'Afficher',
    previewConversation: 'Conversation',
    previewPrechat: 'Formulaire préalable',
    previewClosed: 'Fermé',
    previewFixedMode: 'Le mode de couleurs est «\u202f{mode}\u202f»\u202f: les clients voient toujours ces couleurs.',
    previewFormNote: "Le vrai formulaire, tel que les clients le voient sur votre site. Rien de ce qui est envoyé d'ici n'est enregistré.",
    historyHeading: 'Derniers enregistrements',
    historyLoading: "Chargement de l'historique…",
    historyEmpty: 'Aucun enregistrement pour le moment.',
    historyFailed: "L'historique n'a pas pu être chargé.",
    historyEntry: '{actor}, {time}',
    historyUnknownActor: "Quelqu'un",
    historyChanges: '{count} modifications',
    historyOneChange: '1 modification',
    historyShowMore: 'Afficher {count} enregistrements plus anciens',
    historyEmptyValue: '(vide)',
    historyYes: 'activé',
    historyNo: 'désactivé',
    historyField: '{name}\u202f:',
    historyFrom: 'de',
    historyTo: 'à',
    'section.colours': 'Couleurs',
    'section.texts': 'Textes',
    'section.launcher': 'Bouton de lancement',
    'section.header': "Images de l'en-tête",
    'section.layout': 'Police et mise en page',
    'section.prechat': 'Formulaire préalable',
    'section.elevations': 'Demandes de rappel, de courriel et de SMS',
    'section.behaviour': 'Fermeture, sons et transcription',
    'section.workitem': 'Champs du formulaire',
    'problem.errorPrefix': 'Erreur\u202f:',
    'problem.warningPrefix': 'Avertissement\u202f:',
    'number.range': 'De {min} à {max}.',
    'number.rangeUnit': 'De {min} à {max} {unit}.',
    'theme.mode': 'Mode de couleurs',
    'theme.mode.hint': 'Automatique suit le réglage clair ou sombre de chaque visiteur.',
    'mode.auto': 'Automatique',
    'mode.light': 'Clair',
    'mode.dark': 'Sombre',
    'palette.light': 'Couleurs claires',
    'palette.dark': 'Couleurs sombres',
    'color.brand': 'Marque',
    'color.brand.hint': "Lanceur, en-tête et messages du client.",
    'color.onBrand': 'Texte sur la marque',
    'color.onBrand.hint': 'Texte et icônes sur la couleur de marque.',
    'color.surface': 'Fond',
    'color.surface.hint': 'Fond du panneau de discussion.',
    'color.text': 'Texte',
    'color.text.hint': 'Texte sur le fond.',
    'color.picker': '{name}, sélecteur de couleur',
    'contrast.ok': 'Contraste avec {against}\u202f: {ratio}:1, facile à lire.',
    allowLowContrast: 'Autoriser un contraste faible (déconseillé)',
    'allowLowContrast.hint': "Permet d'enregistrer des couleurs sous le contraste de 4,5:1 demandé par le WCAG AA. Certains clients ne pourront pas lire la discussion.",
    defaultLocale: 'Langue par défaut',
    'defaultLocale.hint': 'Utilisée quand ni la page ni le navigateur du visiteur ne demandent une langue que Parley parle.',
    'language.en': 'Anglais',
    'language.fr': 'Français',
    'texts.tabs': 'Langue des textes',
    'texts.tabBase': 'Anglais (base)',
    'texts.tabProblems': '({count} à corriger)',
    'texts.translationHint': 'Laissez un texte vide pour afficher le texte anglais.',
    'text.title': 'Titre',
    'text.title.hint': 'En haut de la discussion. Obligatoire.',
    'text.subtitle': 'Sous-titre',
    'text.subtitle.hint': "Sous le titre, par exemple vos heures d'ouverture.",
    'text.greeting': "Message d'accueil",
    'text.greeting.hint': 'Le premier message que voient les clients.',
    'text.placeholder': 'Texte indicatif de la zone de message',
    'text.placeholder.hint': 'Affiché dans la zone de message vide. Vide\u202f: celui de Parley.',
    'text.placeholder.default': 'Écrivez votre message…',
    'text.offlineMessage': 'Message de fermeture',
    'text.offlineMessage.hint': 'Affiché quand la discussion est fermée.',
    'text.launcherLabel': 'Libellé du lanceur',
    'text.launcherLabel.hint': "À côté de l'icône du lanceur. Vide\u202f: un lanceur avec l'icône seule.",
    counter: '{count} caractères sur {max}',
    'launcher.position': 'Position',
    'position.bottom-right': 'En bas à droite',
    'position.bottom-left': 'En bas à gauche',
    'launcher.shape': 'Forme',
    'shape.circle': 'Cercle',
    'shape.rounded': 'Carré arrondi',
    'shape.square': 'Carré',
    'launcher.icon': 'Icône',
    'icon.chat': 'Bulle',
    'icon.help': "Point d'interrogation",
    'icon.headset': 'Casque',
    'icon.message': 'Enveloppe',
    'icon.image': 'Image depuis une adresse web',
    'launcher.iconUrl': "Adresse de l'image de l'icône",
    'launcher.iconUrl.hint': "Une adresse https:// d'une image carrée.",
    'launcher.offsetX': 'Distance du bord',
    'launcher.offsetY': 'Distance du bas',
    'launcher.labelNote': 'Le texte du lanceur se trouve dans Textes, avec ses traductions.',
    'header.logoUrl': 'Adresse du logo',
    'header.logoUrl.hint': "Une adresse https://. Affiché dans l'en-tête. Vide\u202f: pas de logo.",
    'header.agentAvatarUrl': "Adresse de l'image par défaut des conseillers",
    'header.agentAvatarUrl.hint': 'Une adresse https://. Vide\u202f: les initiales du conseiller.',
    'theme.font': 'Police',
    'font.inherit': 'Celle du site',
    'font.system': 'Système',
    'font.sans': 'Sans empattement',
    'font.serif': 'Avec empattement',
    'font.rounded': 'Arrondie',
    'font.mono': 'Chasse fixe',
    'theme.density': 'Espacement',
    'density.compact': 'Compact',
    'density.comfortable': 'Confortable',
    'density.spacious': 'Aéré',
    'theme.radius': 'Arrondi des coins',
    'theme.panelWidth': 'Largeur du panneau',
    'theme.panelHeight': 'Hauteur du panneau',
    'theme.zIndex': "Niveau d'empilement (z-index)",
    'prechat.enabled': 'Demander des informations avant la discussion',
    'prechat.enabled.hint': "Les clients remplissent d'abord les champs ci-dessous.",
    'prechat.none': 'Aucun champ pour le moment.',
    'prechat.add': 'Ajouter un champ',
    'prechat.limit': "Jusqu'à {max} champs.",
    'prechat.full': 'Le formulaire a le nombre maximal de champs ({max}).',
    'prechat.newLabel': 'Nouvelle question',
    'prechat.untitled': 'sans titre',
    'prechat.legend': 'Champ {n}\u202f: {label}',
    'prechat.type': 'Type',
    'fieldType.name': 'Nom',
    'fieldType.email': 'Adresse électronique',
    'fieldType.phone': 'Numéro de téléphone',
    'fieldType.text': 'Texte court',
    'fieldType.select': 'Liste de choix',
    'fieldType.checkbox': 'Case à cocher',
    'fieldType.textarea': 'Texte long',
    'fieldType.date': 'Date',
    'fieldType.file': 'Envoi de fichiers',
    'prechat.label': 'Libellé (Anglais)',
    'prechat.labelIn': 'Libellé ({language})',
    'prechat.id': 'Clé de la réponse',
    'prechat.id.hint': 'Nom de la réponse pour les conseillers et les rapports\u202f: lettres, chiffres, - ou _.',
    'prechat.required': 'Obligatoire',
    'prechat.options': 'Choix',
    'prechat.options.hint': 'Un choix par ligne.',
    'prechat.moveUp': 'Monter',
    'prechat.moveDown': 'Descendre',
    'prechat.remove': 'Supprimer',
    'prechat.moved': 'Champ déplacé en position {n}.',
    'prechat.removed': 'Champ supprimé.',
    'workitem.intro': "Les questions du formulaire que les clients remplissent sur votre site. Chaque formulaire envoyé parvient aux conseillers comme un élément de travail, avec ses réponses et ses fichiers.",
    'workitem.required.checkbox': "Une case obligatoire doit être cochée pour envoyer le formulaire, comme pour un consentement.",
    'workitem.required.file': 'Un champ de fichiers obligatoire demande au moins un fichier.',
    'workitem.accept': 'Types de fichiers acceptés',
    'workitem.accept.hint': "Parley vérifie le contenu de chaque fichier, pas seulement son nom.",
    'workitem.maxFiles': 'Nombre maximal de fichiers',
    'workitem.maxFileBytes': 'Taille maximale par fichier',
    'workitem.maxFileBytes.hint': 'En Mo\u202f: au moins 1 ko, au plus {max} Mo.',
    'attachment.image/png': 'Image PNG',
    'attachment.image/jpeg': 'Image JPEG',
    'attachment.image/gif': 'Image GIF',
    'attachment.image/webp': 'Image WebP',
    'attachment.application/pdf': 'Document PDF',
    'attachment.text/plain': 'Texte brut (.txt)',
    'attachment.application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Document Word (.docx)',
    'attachment.application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Classeur Excel (.xlsx)',
    'elevations.intro': "Les façons dont les clients peuvent demander à être recontactés plutôt que de discuter. Chaque demande va à la compétence que vous choisissez.",
    'elevation.callback': 'Rappelez-moi',
    'elevation.email': 'Écrivez-moi',
    'elevation.sms': 'Envoyez-moi un SMS',
    'elevation.offer': 'Proposer «\u202f{name}\u202f»',
    'elevation.skill': 'Compétence',
    'elevation.skill.hint': 'Les compétences de vos équipes pour {channel}.',
    'elevation.skill.none': 'Aucune compétence',
    'elevation.skill.inactive': '{name} (désactivée)',
    'elevation.skill.unknown': 'Compétence inconnue «\u202f{id}\u202f»',
    'elevation.skill.otherChannel': '{name} (pour {channel})',
    'elevation.skill.inactiveNote': 'Une compétence désactivée ne peut pas être choisie tant que «\u202f{name}\u202f» est proposé.',
    'elevation.skill.empty': "Vos équipes n'ont encore aucune compétence pour {channel}\u202f: un administrateur en crée une.",
    'elevation.skillId': 'Identifiant de la compétence',
    'elevation.skillId.hint': "La liste des compétences n'a pas pu être chargée\u202f: saisissez l'identifiant de la compétence qui reçoit ces demandes.",
    'channel.chat': 'les discussions',
    'channel.email': 'les courriels',
    'channel.voice': 'les appels',
    'channel.sms': 'les SMS',
    'channel.workitem': 'les éléments de travail',
    'elevations.afterRequest': 'Après une demande faite depuis la discussion',
    'afterRequest.continue': 'La discussion continue',
    'afterRequest.continue.hint': 'Le client peut continuer à discuter pendant que sa demande attend.',
    'afterRequest.end': 'La discussion se termine',
    'afterRequest.end.hint': 'La discussion se ferme une fois que le client a vu la confirmation.',
    'offline.behaviour': 'Quand la discussion est fermée',
    'offline.behaviour.hint': "Les heures d'ouverture viennent du script du point de contact.",
    'offline.message': 'Afficher le message de fermeture',
    'offline.leave-message': 'Permettre de laisser un message',
    'offline.hide': 'Masquer la discussion',
    'offline.workItemPoc': 'Formulaire qui reçoit les messages',
    'offline.workItemPoc.hint': "Un message laissé pendant la fermeture devient un élément de travail du point de contact de ce formulaire, traité par son équipe.",
    'offline.workItemPoc.none': 'Choisissez un formulaire',
    'offline.workItemPoc.inactive': '{name} (inactif)',
    'offline.workItemPoc.chat': "{name} (une discussion, pas un formulaire)",
    'offline.workItemPoc.unlisted': 'Point de contact «\u202f{id}\u202f»',
    'offline.workItemPoc.empty': "Vos équipes n'ont encore aucun formulaire d'élément de travail\u202f: un administrateur en crée un.",
    'offline.workItemPoc.inactiveNote': 'Un formulaire inactif ne peut pas être choisi tant que les clients peuvent laisser un message.',
    sounds: 'Jouer un son à chaque nouveau message',
    'sounds.hint': 'Seulement après que le client a ouvert la discussion.',
    transcriptDownload: 'Permettre de télécharger la transcription',
    'transcriptDownload.hint': 'Ajoute un bouton de téléchargement à la discussion.',
    'field.version': 'Version du format de profil',
    'field.profile': 'Le profil entier',
    'field.text': '{name} ({language})',
    'field.palette': '{palette}\u202f: {name}',
    'field.prechat': 'Champ préalable {n}\u202f: {name}',
    'field.prechatField': 'Champ préalable {n}',
    'field.prechatFields': 'Champs préalables',
    'field.prechatEnabled': 'Formulaire préalable',
    'field.elevation': '{name}\u202f: {what}',
    'field.elevationEnabled': 'proposé',
    'field.workitem': 'Champ de formulaire {n}\u202f: {name}',
    'field.workitemField': 'Champ de formulaire {n}',
    'field.workitemFields': 'Champs du formulaire',
    'field.unknown': '«\u202f{path}\u202f»',
    'issue.unknown': "Ce n'est pas un réglage de profil de discussion\u202f: retirez-le.",
    'issue.contrast': 'Le contraste avec {against} est de {ratio}:1, sous les {min}:1 nécessaires pour que les clients le lisent. Choisissez une couleur plus foncée ou plus claire.',
    'issue.colour': 'Saisissez une couleur sous la forme # suivi de 6 chiffres hexadécimaux, par exemple #1a5fb4.',
    'issue.number': 'Saisissez un nombre entier de {min} à {max}.',
    'issue.url': 'Saisissez une adresse d’image commençant par https://.',
    'issue.required': 'Saisissez un titre.',
    'issue.textMax': 'Utilisez au plus {max} caractères (actuellement {count}).',
    'issue.text': 'Saisissez un texte d’au plus {max} caractères.',
    'issue.fieldId': 'Utilisez de 1 à 40 lettres, chiffres, - ou _.',
    'issue.duplicateId': 'Un autre champ utilise déjà cette clé.',
    'issue.fieldLabel': "Saisissez un libellé de 1 à 80 caractères.",
    'issue.options': "Indiquez de 1 à 20 choix d'au plus 80 caractères, un par ligne.",
    'issue.choice': "Choisissez l'une des options.",
    'issue.skillRequired': 'Choisissez la compétence qui reçoit ces demandes, ou cessez de les proposer.',
    'issue.skillId': 'Utilisez de 1 à 40 lettres, chiffres, - ou _.',
    'issue.skillUnknown': "Cette compétence n'appartient à aucune de vos équipes. Choisissez-en une dans la liste.",
    'issue.skillInactive': 'Cette compétence est désactivée. Choisissez une compétence active, ou cessez de proposer ces demandes.',
    'issue.skillChannel': 'Cette compétence traite {channel}\u202f; les demandes «\u202f{name}\u202f» demandent une compétence pour {needs}. Choisissez-en une dans la liste.',
    'issue.boolean': 'Doit être activé ou désactivé.',
    'issue.version': "Ce fichier est destiné à une autre version du format de profil de discussion.",
    'issue.fieldsList': 'Le formulaire préalable contient au plus 10 champs.',
    'issue.workitemFields': 'Un formulaire a de 1 à {max} champs.',
    'issue.accept': 'Cochez un ou plusieurs des types de fichiers proposés.',
    'issue.fileSize': 'Saisissez une taille d’au moins 1 ko et d’au plus {max} Mo.',
    'issue.fileOnly': "Les types, le nombre et la taille des fichiers ne s'appliquent qu'aux champs de fichiers.",
    'issue.workItemPocRequired': 'Choisissez le formulaire qui reçoit les messages, ou cessez de proposer d’en laisser un.',
    'issue.workItemPocUnknown': "Ce formulaire n'appartient à aucune de vos équipes. Choisissez-en un dans la liste.",
    'issue.workItemPocChannel': "Ce point de contact n'est pas un formulaire d'élément de travail. Choisissez un formulaire dans la liste.",
    'issue.workItemPocInactive': 'Ce formulaire est inactif. Choisissez un formulaire actif, ou cessez de proposer de laisser un message.',
    'issue.pocId': 'Utilisez de 1 à 64 lettres, chiffres, - ou _.',
    'issue.invalid': 'Cette valeur ne peut pas être utilisée.',
  },
};

const PALETTE_KEYS = ['brand', 'onBrand', 'surface', 'text'] as const;
const TEXT_KEYS = Object.keys(TEXT_LIMITS) as (keyof typeof TEXT_LIMITS)[];

/** Keys of the studio catalogue that name the setting at a simple path. */
const SIMPLE_FIELDS: Record<string, StudioKey> = {
  version: 'field.version',
  'theme.mode': 'theme.mode',
  'theme.font': 'theme.font',
  'theme.radius': 'theme.radius',
  'theme.density': 'theme.density',
  'theme.panelWidth': 'theme.panelWidth',
  'theme.panelHeight': 'theme.panelHeight',
  'theme.zIndex': 'theme.zIndex',
  'launcher.position': 'launcher.position',
  'launcher.offsetX': 'launcher.offsetX',
  'launcher.offsetY': 'launcher.offsetY',
  'launcher.icon': 'launcher.icon',
  'launcher.shape': 'launcher.shape',
  'header.logoUrl': 'header.logoUrl',
  'header.agentAvatarUrl': 'header.agentAvatarUrl',
  defaultLocale: 'defaultLocale',
  'preChat.enabled': 'field.prechatEnabled',
  'preChat.fields': 'field.prechatFields',
  'elevations.afterRequest': 'elevations.afterRequest',
  'offline.behaviour': 'offline.behaviour',
  'offline.workItemPoc': 'offline.workItemPoc',
  'workItem.fields': 'field.workitemFields',
  sounds: 'sounds',
  transcriptDownload: 'transcriptDownload',
  allowLowContrast: 'allowLowContrast',
  profile: 'field.profile',
};

const has = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

/** Bytes in a megabyte, as the studio counts file sizes (binary: 1 MB = 1 024 kB). */
const MIB = 1024 * 1024;

/**
 * Why the work-item POC a chat leaves messages on was refused, read back from the issue's English
 * message (all that crosses the wire), as server/http/studio.ts and the studio word it; null for
 * the validator's own issues (none chosen, or not an id).
 */
function workItemPocReason(message: string): 'unknown' | 'channel' | 'inactive' | null {
  if (/^Point of contact "[^"]*" is no work-item form of yours$/.test(message)) return 'unknown';
  if (/^Point of contact "[^"]*" is an? [a-z]+ point of contact; /.test(message)) return 'channel';
  if (/^Point of contact "[^"]*" is deactivated; /.test(message)) return 'inactive';
  return null;
}

/** The name a person knows a profile setting by, from its dotted path (`theme.light.brand`). */
export function fieldName(t: Translate<StudioKey>, path: string): string {
  return describeField(t, path) ?? t('field.unknown', { path });
}

/** Whether `path` is a setting of the schema that the studio has a control for. */
export function isNamedField(path: string): boolean {
  return path !== 'version' && path !== 'profile' && describeField((key) => key, path) !== null;
}

function describeField(t: Translate<StudioKey>, path: string): string | null {
  if (Object.prototype.hasOwnProperty.call(SIMPLE_FIELDS, path)) return t(SIMPLE_FIELDS[path]);
  const parts = path.split('.');
  if (parts[0] === 'theme' && (parts[1] === 'light' || parts[1] === 'dark') && parts.length === 3 && has(PALETTE_KEYS, parts[2])) {
    return t('field.palette', { palette: t(parts[1] === 'light' ? 'palette.light' : 'palette.dark'), name: t(`color.${parts[2]}`) });
  }
  if (parts[0] === 'texts' && parts.length === 2 && has(TEXT_KEYS, parts[1])) {
    return t('field.text', { name: t(`text.${parts[1]}`), language: t('language.en') });
  }
  if (parts[0] === 'translations' && parts.length === 3 && (parts[1] === 'en' || parts[1] === 'fr') && has(TEXT_KEYS, parts[2])) {
    return t('field.text', { name: t(`text.${parts[2]}`), language: t(`language.${parts[1]}`) });
  }
  // A field of the pre-chat form or of the work-item form: the same settings, and files for the latter.
  if ((parts[0] === 'preChat' || parts[0] === 'workItem') && parts[1] === 'fields' && /^\d+$/.test(parts[2] ?? '')) {
    const workItem = parts[0] === 'workItem';
    const n = Number(parts[2]) + 1;
    const rest = parts.slice(3).join('.');
    const names: Record<string, StudioKey> = {
      id: 'prechat.id',
      type: 'prechat.type',
      label: 'prechat.label',
      required: 'prechat.required',
      options: 'prechat.options',
      ...(workItem ? { accept: 'workitem.accept', maxFiles: 'workitem.maxFiles', maxFileBytes: 'workitem.maxFileBytes' } : {}),
    };
    const named = (name: string) => t(workItem ? 'field.workitem' : 'field.prechat', { n, name });
    if (!rest) return t(workItem ? 'field.workitemField' : 'field.prechatField', { n });
    if (Object.prototype.hasOwnProperty.call(names, rest)) return named(t(names[rest]));
    if (rest === 'labels.fr' || rest === 'labels.en') return named(t('prechat.labelIn', { language: t(`language.${parts[4] as 'en' | 'fr'}`) }));
  }
  if (parts[0] === 'elevations' && (parts[1] === 'callback' || parts[1] === 'email' || parts[1] === 'sms') && parts.length === 3) {
    const what = parts[2] === 'enabled' ? t('field.elevationEnabled') : parts[2] === 'skillId' ? t('elevation.skill') : null;
    if (what) return t('field.elevation', { name: t(`elevation.${parts[1]}`), what });
  }
  return null;
}

/**
 * What is wrong with a setting and how to fix it, in the marketer's language. `raw` is the value
 * as typed (the draft's), `profile` the validated profile (for contrast ratios).
 */
export function issueText(t: Translate<StudioKey>, issue: ProfileIssue, profile: ChatProfile, raw: unknown): string {
  const path = issue.field;
  const parts = path.split('.');
  const leaf = parts[parts.length - 1];
  if (issue.code === 'unknown_field') return t('issue.unknown', { field: path });
  if (issue.code === 'low_contrast') {
    const m = /^theme\.(light|dark)\.(onBrand|text)$/.exec(path);
    if (m) {
      const mode = m[1] as 'light' | 'dark';
      const fg = m[2] as 'onBrand' | 'text';
      const bg = fg === 'onBrand' ? 'brand' : 'surface';
      const ratio = contrastRatio(profile.theme[mode][fg], profile.theme[mode][bg]);
      // Rounded down, so a ratio shown as 4.5 is never one the validator refused.
      return t('issue.contrast', { against: t(`color.${bg}`), ratio: (Math.floor(ratio * 100) / 100).toFixed(2), min: MIN_CONTRAST });
    }
    return t('issue.invalid');
  }
  if (parts[0] === 'theme' && parts.length === 3 && has(PALETTE_KEYS, leaf)) return t('issue.colour');
  if (Object.prototype.hasOwnProperty.call(NUMBER_RANGES, path)) {
    const [min, max] = NUMBER_RANGES[path as NumberPath];
    return t('issue.number', { min, max });
  }
  if (path === 'header.logoUrl' || path === 'header.agentAvatarUrl' || (path === 'launcher.icon' && typeof raw !== 'string')) return t('issue.url');
  if ((parts[0] === 'texts' && parts.length === 2) || (parts[0] === 'translations' && parts.length === 3)) {
    const max = TEXT_LIMITS[leaf as keyof typeof TEXT_LIMITS] ?? 0;
    if (typeof raw !== 'string') return max ? t('issue.text', { max }) : t('issue.invalid');
    if (path === 'texts.title' && raw.trim() === '') return t('issue.required');
    return t('issue.textMax', { max, count: raw.length });
  }
  if (parts[0] === 'workItem' && parts[1] === 'fields') {
    // Too many fields, or none: a form needs one at least.
    if (parts.length === 2) return t('issue.workitemFields', { max: LIMITS.workItemMaxFields });
    if (parts.length === 3) return /file fields only/.test(issue.message) ? t('issue.fileOnly') : t('issue.invalid');
    if (leaf === 'accept') return t('issue.accept');
    if (leaf === 'maxFiles') return t('issue.number', { min: 1, max: LIMITS.attachmentMaxFiles });
    if (leaf === 'maxFileBytes') return t('issue.fileSize', { max: LIMITS.attachmentMaxBytes / MIB });
  }
  if ((parts[0] === 'preChat' || parts[0] === 'workItem') && parts[1] === 'fields') {
    if (parts.length === 2) return t('issue.fieldsList');
    if (leaf === 'id') return /repeats/.test(issue.message) ? t('issue.duplicateId') : t('issue.fieldId');
    if (leaf === 'label' || parts[3] === 'labels') return t('issue.fieldLabel');
    if (leaf === 'options') return t('issue.options');
    if (leaf === 'type') return t('issue.choice');
    if (leaf === 'required') return t('issue.boolean');
    return t('issue.invalid');
  }
  if (parts[0] === 'elevations' && leaf === 'skillId') {
    const problem = skillProblem(issue);
    if (problem?.reason === 'unknown') return t('issue.skillUnknown');
    if (problem?.reason === 'inactive') return t('issue.skillInactive');
    if (problem?.reason === 'channel') {
      const kind = parts[1] as 'callback' | 'email' | 'sms';
      return t('issue.skillChannel', { channel: t(`channel.${problem.channel}`), needs: t(`channel.${problem.needs}`), name: t(`elevation.${kind}`) });
    }
    return raw === null || raw === undefined || raw === '' ? t('issue.skillRequired') : t('issue.skillId');
  }
  if (path === 'offline.workItemPoc') {
    const reason = workItemPocReason(issue.message);
    if (reason === 'unknown') return t('issue.workItemPocUnknown');
    if (reason === 'channel') return t('issue.workItemPocChannel');
    if (reason === 'inactive') return t('issue.workItemPocInactive');
    return raw === null || raw === undefined || raw === '' ? t('issue.workItemPocRequired') : t('issue.pocId');
  }
  if (leaf === 'enabled' || path === 'sounds' || path === 'transcriptDownload' || path === 'allowLowContrast') return t('issue.boolean');
  if (path === 'version') return t('issue.version');
  if (['theme.mode', 'theme.font', 'theme.density', 'launcher.position', 'launcher.shape', 'launcher.icon', 'defaultLocale', 'offline.behaviour', 'elevations.afterRequest'].includes(path)) {
    return t('issue.choice');
  }
  return t('issue.invalid');
}
