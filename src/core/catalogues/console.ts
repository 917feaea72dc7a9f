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
  | 'verified'
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
  | 'eventAgentTook'
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
  // Channels and elevation kinds
  | 'channelChat'
  | 'channelVoice'
  | 'channelEmail'
  | 'channelSms'
  | 'channelWorkitem'
  | 'kindCallback'
  | 'kindEmail'
  | 'kindSms'
  | 'newOfferCallback'
  | 'newOfferEmail'
  | 'newOfferSms'
  | 'offerKindLabel'
  | 'reference'
  | 'number'
  | 'address'
  | 'when'
  | 'asSoonAsPossible'
  | 'consent'
  | 'consentCall'
  | 'consentText'
  | 'subject'
  | 'originalConversation'
  // Read-only transcripts
  | 'transcriptLoading'
  | 'transcriptFailed'
  | 'transcriptEmpty'
  | 'transcriptOf'
  // Interactions by channel
  | 'callbackTo'
  | 'emailWith'
  | 'smsWith'
  | 'statusToCall'
  | 'dialCard'
  | 'numberToDial'
  | 'requestedBy'
  | 'requestedByCustomer'
  | 'requestedByAgent'
  | 'callbackHint'
  | 'callDone'
  | 'emailTo'
  | 'emailReply'
  | 'sendEmail'
  | 'emailHint'
  | 'emailRecorded'
  | 'smsText'
  | 'sendSms'
  | 'smsCounter'
  | 'smsUnicode'
  | 'smsRecorded'
  | 'errorSmsTooLong'
  | 'interactionOver'
  | 'closeInteraction'
  | 'sessionStaysOpenOne'
  | 'sessionStaysOpenMany'
  | 'sessionCompletesOnClose'
  // Work items
  | 'newOfferWorkitem'
  | 'workItemFrom'
  | 'workItemSource'
  | 'workItemSourceWeb'
  | 'workItemSourceChat'
  | 'workItemSourceApi'
  | 'yes'
  | 'no'
  | 'notAnswered'
  | 'attachments'
  | 'attachmentCountOne'
  | 'attachmentCountMany'
  | 'fileTypePng'
  | 'fileTypeJpeg'
  | 'fileTypeGif'
  | 'fileTypeWebp'
  | 'fileTypePdf'
  | 'fileTypeText'
  | 'fileTypeWord'
  | 'fileTypeExcel'
  | 'fileTypeOther'
  | 'workItemReply'
  | 'workItemNoReply'
  | 'completeWorkItem'
  // Agent-side elevation
  | 'elevateHeading'
  | 'elevateCallback'
  | 'elevateEmail'
  | 'elevateSms'
  | 'elevateFormCallback'
  | 'elevateFormEmail'
  | 'elevateFormSms'
  | 'skill'
  | 'chooseSkill'
  | 'noSkill'
  | 'country'
  | 'chooseCountry'
  | 'phone'
  | 'phoneHint'
  | 'emailAddress'
  | 'emailBody'
  | 'submitCallback'
  | 'submitEmail'
  | 'submitSms'
  | 'cancel'
  | 'elevating'
  | 'elevatedNotSent'
  | 'errorSkill'
  | 'errorCountry'
  | 'errorPhone'
  | 'errorPhoneUnusable'
  | 'errorEmailAddress'
  | 'errorSubject'
  | 'errorBody'
  | 'errorElevationUnavailable'
  | 'errorDeliveryFailed'
  // Session view
  | 'sessionHeading'
  | 'sessionOf'
  | 'sessionComplete'
  | 'sessionOpen'
  | 'sessionLoading'
  | 'sessionWaiting'
  | 'sessionWith'
  | 'sessionAnotherAgent'
  | 'sessionWithYou'
  | 'sessionWrapup'
  | 'sessionClosed'
  | 'sessionClosedWith'
  | 'thisInteraction'
  | 'interactionTranscript'
  | 'sessionCompleteAnnouncement'
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
    verified: 'Verified: {id}',
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
    eventAgentTook: '{name} took this in hand.',
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
    channelChat: 'Chat',
    channelVoice: 'Callback',
    channelEmail: 'Email',
    channelSms: 'Text messages',
    channelWorkitem: 'Work item',
    kindCallback: 'Callback request',
    kindEmail: 'Email request',
    kindSms: 'Text request',
    newOfferCallback: 'New callback request from {customer}, {reference}.',
    newOfferEmail: 'New email request from {customer}, {reference}.',
    newOfferSms: 'New text request from {customer}, {reference}.',
    offerKindLabel: '{kind}: {customer}, {poc}',
    reference: 'Reference',
    number: 'Number',
    address: 'Address',
    when: 'When',
    asSoonAsPossible: 'As soon as possible',
    consent: 'Consent',
    consentCall: 'The customer agreed to be called.',
    consentText: 'The customer agreed to receive texts.',
    subject: 'Subject',
    originalConversation: 'Original conversation',
    transcriptLoading: 'Loading the transcript…',
    transcriptFailed: 'The transcript could not be loaded.',
    transcriptEmpty: 'No messages.',
    transcriptOf: 'Transcript: {what}',
    callbackTo: 'Call back {customer}',
    emailWith: 'Email with {customer}',
    smsWith: 'Text messages with {customer}',
    statusToCall: 'To call',
    dialCard: 'Contact to dial',
    numberToDial: 'Number to dial',
    requestedBy: 'Asked by',
    requestedByCustomer: 'The customer',
    requestedByAgent: 'An agent',
    callbackHint: 'Call the customer, then choose a disposition and press Call done.',
    callDone: 'Call done',
    emailTo: 'To',
    emailReply: 'Email',
    sendEmail: 'Send email',
    emailHint: 'Ctrl+Enter sends. The customer receives it as an email.',
    emailRecorded: 'Email is recorded, not sent: no SMTP server is configured.',
    smsText: 'Text message',
    sendSms: 'Send text',
    smsCounter: '{count} of {max} characters, {segments} SMS',
    smsUnicode: 'Special characters: {per} characters per SMS.',
    smsRecorded: 'Texts are recorded, not sent: no SMS connector is configured.',
    errorSmsTooLong: 'The text is too long: {max} characters at most.',
    interactionOver: 'This interaction is over. Choose a disposition to finish it.',
    closeInteraction: 'Close interaction',
    sessionStaysOpenOne: 'The session stays open after this: 1 other interaction is still open.',
    sessionStaysOpenMany: 'The session stays open after this: {count} other interactions are still open.',
    sessionCompletesOnClose: 'This is the last open interaction of the session: closing it completes the session.',
    newOfferWorkitem: 'New work item from {customer}, {reference}.',
    workItemFrom: 'Work item from {customer}',
    workItemSource: 'Source',
    workItemSourceWeb: 'Web form',
    workItemSourceChat: 'Message left in the chat',
    workItemSourceApi: 'API',
    yes: 'Yes',
    no: 'No',
    notAnswered: 'Not answered',
    attachments: 'Attachments',
    attachmentCountOne: '1 attachment',
    attachmentCountMany: '{count} attachments',
    fileTypePng: 'PNG image',
    fileTypeJpeg: 'JPEG image',
    fileTypeGif: 'GIF image',
    fileTypeWebp: 'WebP image',
    fileTypePdf: 'PDF',
    fileTypeText: 'Text file',
    fileTypeWord: 'Word document',
    fileTypeExcel: 'Excel spreadsheet',
    fileTypeOther: 'File',
    workItemReply: 'Reply by email to {address}',
    workItemNoReply: 'The customer left no email address: no reply can be sent from here.',
    completeWorkItem: 'Complete work item',
    elevateHeading: 'Continue on another channel',
    elevateCallback: 'Callback',
    elevateEmail: 'Email',
    elevateSms: 'Text message',
    elevateFormCallback: 'New callback for {customer}',
    elevateFormEmail: 'New email to {customer}',
    elevateFormSms: 'New text message to {customer}',
    skill: 'Skill',
    chooseSkill: 'Choose a skill',
    noSkill: 'No skill takes this channel. Ask an administrator to create one.',
    country: 'Country',
    chooseCountry: 'Choose a country',
    phone: 'Phone number',
    phoneHint: 'National number, or international with its + code.',
    emailAddress: 'Email address',
    emailBody: 'Body',
    submitCallback: 'Create the callback',
    submitEmail: 'Send the email',
    submitSms: 'Send the text',
    cancel: 'Cancel',
    elevating: 'Creating the interaction…',
    elevatedNotSent: 'The interaction was created, but its first message could not be sent: retry it from the interaction.',
    errorSkill: 'Choose a skill for this channel.',
    errorCountry: 'Choose the country of this number, or type it with its + code.',
    errorPhone: 'Enter a phone number: digits, spaces and + ( ) . - /, 4 to 15 digits.',
    errorPhoneUnusable: 'This number cannot be used. Check it: texts need a mobile number, and premium-rate numbers are refused.',
    errorEmailAddress: 'Enter an email address such as name@example.com.',
    errorSubject: 'Enter a subject on one line, {max} characters at most.',
    errorBody: 'Write the first message, {max} characters at most.',
    errorElevationUnavailable: 'This channel cannot be used right now: the skill is not available.',
    errorDeliveryFailed: 'The message could not be sent. Retry it.',
    sessionHeading: 'Session',
    sessionOf: 'Session with {customer}',
    sessionComplete: 'Session complete',
    sessionOpen: 'Session open: {open} of {total} interactions still open',
    sessionLoading: 'Loading the session…',
    sessionWaiting: 'Waiting',
    sessionWith: 'With {agent}',
    sessionAnotherAgent: 'another agent',
    sessionWithYou: 'With you',
    sessionWrapup: 'Wrap-up, {agent}',
    sessionClosed: 'Closed',
    sessionClosedWith: 'Closed: {disposition}',
    thisInteraction: 'This interaction',
    interactionTranscript: 'Transcript',
    sessionCompleteAnnouncement: 'Session with {customer} complete: every interaction in it is closed.',
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
    verified: 'Vérifié : {id}',
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
    eventAgentTook: '{name} l’a pris en charge.',
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
    channelChat: 'Conversation',
    channelVoice: 'Rappel',
    channelEmail: 'Courriel',
    channelSms: 'SMS',
    channelWorkitem: 'Élément de travail',
    kindCallback: 'Demande de rappel',
    kindEmail: 'Demande de courriel',
    kindSms: 'Demande de SMS',
    newOfferCallback: 'Nouvelle demande de rappel de {customer}, {reference}.',
    newOfferEmail: 'Nouvelle demande de courriel de {customer}, {reference}.',
    newOfferSms: 'Nouvelle demande de SMS de {customer}, {reference}.',
    offerKindLabel: '{kind} : {customer}, {poc}',
    reference: 'Référence',
    number: 'Numéro',
    address: 'Adresse',
    when: 'Quand',
    asSoonAsPossible: 'Dès que possible',
    consent: 'Consentement',
    consentCall: "Le client a accepté d'être appelé.",
    consentText: 'Le client a accepté de recevoir des SMS.',
    subject: 'Objet',
    originalConversation: "Conversation d'origine",
    transcriptLoading: 'Chargement des échanges…',
    transcriptFailed: "Les échanges n'ont pas pu être chargés.",
    transcriptEmpty: 'Aucun message.',
    transcriptOf: 'Échanges : {what}',
    callbackTo: 'Rappeler {customer}',
    emailWith: 'Courriel avec {customer}',
    smsWith: 'SMS avec {customer}',
    statusToCall: 'À appeler',
    dialCard: 'Contact à appeler',
    numberToDial: 'Numéro à composer',
    requestedBy: 'Demandé par',
    requestedByCustomer: 'Le client',
    requestedByAgent: 'Un agent',
    callbackHint: 'Appelez le client, puis choisissez une qualification et appuyez sur Appel terminé.',
    callDone: 'Appel terminé',
    emailTo: 'À',
    emailReply: 'Courriel',
    sendEmail: 'Envoyer le courriel',
    emailHint: 'Ctrl+Entrée envoie. Le client le reçoit par courriel.',
    emailRecorded: "Les courriels sont enregistrés, pas envoyés : aucun serveur SMTP n'est configuré.",
    smsText: 'SMS',
    sendSms: 'Envoyer le SMS',
    smsCounter: '{count} sur {max} caractères, {segments} SMS',
    smsUnicode: 'Caractères spéciaux : {per} caractères par SMS.',
    smsRecorded: "Les SMS sont enregistrés, pas envoyés : aucun connecteur SMS n'est configuré.",
    errorSmsTooLong: 'Le SMS est trop long : {max} caractères au maximum.',
    interactionOver: 'Cette interaction est terminée. Choisissez une qualification pour la clôturer.',
    closeInteraction: "Clôturer l'interaction",
    sessionStaysOpenOne: 'La session reste ouverte après celle-ci : 1 autre interaction est encore ouverte.',
    sessionStaysOpenMany: 'La session reste ouverte après celle-ci : {count} autres interactions sont encore ouvertes.',
    sessionCompletesOnClose: "C'est la dernière interaction ouverte de la session : la clôturer termine la session.",
    newOfferWorkitem: 'Nouvel élément de travail de {customer}, {reference}.',
    workItemFrom: 'Élément de travail de {customer}',
    workItemSource: 'Origine',
    workItemSourceWeb: 'Formulaire web',
    workItemSourceChat: 'Message laissé dans la conversation',
    workItemSourceApi: 'API',
    yes: 'Oui',
    no: 'Non',
    notAnswered: 'Sans réponse',
    attachments: 'Pièces jointes',
    attachmentCountOne: '1 pièce jointe',
    attachmentCountMany: '{count} pièces jointes',
    fileTypePng: 'Image PNG',
    fileTypeJpeg: 'Image JPEG',
    fileTypeGif: 'Image GIF',
    fileTypeWebp: 'Image WebP',
    fileTypePdf: 'PDF',
    fileTypeText: 'Fichier texte',
    fileTypeWord: 'Document Word',
    fileTypeExcel: 'Classeur Excel',
    fileTypeOther: 'Fichier',
    workItemReply: 'Répondre par courriel à {address}',
    workItemNoReply: "Le client n'a laissé aucune adresse électronique : aucune réponse ne peut être envoyée d'ici.",
    completeWorkItem: "Terminer l'élément de travail",
    elevateHeading: 'Continuer sur un autre canal',
    elevateCallback: 'Rappel',
    elevateEmail: 'Courriel',
    elevateSms: 'SMS',
    elevateFormCallback: 'Nouveau rappel pour {customer}',
    elevateFormEmail: 'Nouveau courriel à {customer}',
    elevateFormSms: 'Nouveau SMS à {customer}',
    skill: 'Compétence',
    chooseSkill: 'Choisissez une compétence',
    noSkill: "Aucune compétence ne prend ce canal. Demandez à un administrateur d'en créer une.",
    country: 'Pays',
    chooseCountry: 'Choisissez un pays',
    phone: 'Numéro de téléphone',
    phoneHint: 'Numéro national, ou international avec son indicatif +.',
    emailAddress: 'Adresse électronique',
    emailBody: 'Corps',
    submitCallback: 'Créer le rappel',
    submitEmail: 'Envoyer le courriel',
    submitSms: 'Envoyer le SMS',
    cancel: 'Annuler',
    elevating: "Création de l'interaction…",
    elevatedNotSent: "L'interaction a été créée, mais son premier message n'a pas pu être envoyé : réessayez depuis l'interaction.",
    errorSkill: 'Choisissez une compétence pour ce canal.',
    errorCountry: 'Choisissez le pays de ce numéro, ou saisissez-le avec son indicatif +.',
    errorPhone: 'Saisissez un numéro de téléphone : chiffres, espaces et + ( ) . - /, de 4 à 15 chiffres.',
    errorPhoneUnusable: 'Ce numéro ne peut pas être utilisé. Vérifiez-le : les SMS demandent un mobile, et les numéros surtaxés sont refusés.',
    errorEmailAddress: 'Saisissez une adresse comme nom@exemple.com.',
    errorSubject: 'Saisissez un objet sur une ligne, {max} caractères au maximum.',
    errorBody: 'Écrivez le premier message, {max} caractères au maximum.',
    errorElevationUnavailable: "Ce canal n'est pas utilisable pour le moment : la compétence n'est pas disponible.",
    errorDeliveryFailed: "Le message n'a pas pu être envoyé. Réessayez.",
    sessionHeading: 'Session',
    sessionOf: 'Session avec {customer}',
    sessionComplete: 'Session terminée',
    sessionOpen: 'Session ouverte : {open} interaction(s) encore ouverte(s) sur {total}',
    sessionLoading: 'Chargement de la session…',
    sessionWaiting: 'En attente',
    sessionWith: 'Avec {agent}',
    sessionAnotherAgent: 'un autre agent',
    sessionWithYou: 'Avec vous',
    sessionWrapup: 'Clôture, {agent}',
    sessionClosed: 'Clôturée',
    sessionClosedWith: 'Clôturée : {disposition}',
    thisInteraction: 'Cette interaction',
    interactionTranscript: 'Échanges',
    sessionCompleteAnnouncement: 'Session avec {customer} terminée : toutes ses interactions sont clôturées.',
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
    case 'elevation_unavailable':
      return 'errorElevationUnavailable';
    case 'delivery_failed':
      return 'errorDeliveryFailed';
    case 'internal_error':
      // AgentSession reports a lost connection or a missing ack with this code.
      return 'errorNotConnected';
    default:
      return 'errorGeneric';
  }
}
