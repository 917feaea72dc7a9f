/**
 * Strings of the staff sign-in (`<parley-sign-in>`) and of the staff session around it, shared by
 * the agent console and the chat-profile studio, English and French. What differs between the two
 * apps (the form's heading, what an account of another role is told, what an ended session means
 * for unsaved work) stays in each app's catalogue and is handed to the form as text.
 *
 * Invariant: English holds every key (the `Catalogue` type enforces it); French may lag and then
 * falls back to English. Accessible names that tests rely on ("Username", "Password", "Sign in",
 * "Sign out") are the English values of their keys; change them only together with those tests.
 */
import type { Catalogue } from '../i18n.js';

export type SignInKey =
  // The form
  | 'username'
  | 'password'
  | 'signIn'
  | 'signingIn'
  | 'invalidCredentials'
  | 'missingField'
  | 'signInFailed'
  | 'tooManyAttempts'
  | 'tooManyAttemptsOneSecond'
  | 'tooManyAttemptsSeconds'
  | 'serverUnreachable'
  | 'refused'
  // The session, in the apps
  | 'checkingSession'
  | 'signedOut'
  | 'signedInAs'
  | 'signOut';

export const signInCatalogue: Catalogue<SignInKey> = {
  en: {
    username: 'Username',
    password: 'Password',
    signIn: 'Sign in',
    signingIn: 'Signing in…',
    invalidCredentials: 'Wrong username or password.',
    missingField: 'Enter your username and password.',
    signInFailed: 'Sign-in failed. Try again in a moment.',
    tooManyAttempts: 'Too many attempts. Wait a minute, then try again.',
    tooManyAttemptsOneSecond: 'Too many failed attempts. Try again in 1 second.',
    tooManyAttemptsSeconds: 'Too many failed attempts. Try again in {seconds} seconds.',
    serverUnreachable: 'Cannot reach the server. Check your connection and try again.',
    refused: 'This account cannot sign in here.',
    checkingSession: 'Checking your session…',
    signedOut: 'You are signed out.',
    signedInAs: 'Signed in as {name}',
    signOut: 'Sign out',
  },
  fr: {
    username: "Nom d'utilisateur",
    password: 'Mot de passe',
    signIn: 'Se connecter',
    signingIn: 'Connexion…',
    invalidCredentials: "Nom d'utilisateur ou mot de passe incorrect.",
    missingField: "Saisissez votre nom d'utilisateur et votre mot de passe.",
    signInFailed: 'La connexion a échoué. Réessayez dans un instant.',
    tooManyAttempts: 'Trop de tentatives. Patientez une minute, puis réessayez.',
    tooManyAttemptsOneSecond: 'Trop de tentatives échouées. Réessayez dans 1 seconde.',
    tooManyAttemptsSeconds: 'Trop de tentatives échouées. Réessayez dans {seconds} secondes.',
    serverUnreachable: 'Le serveur est injoignable. Vérifiez votre connexion et réessayez.',
    refused: 'Ce compte ne peut pas se connecter ici.',
    checkingSession: 'Vérification de votre session…',
    signedOut: 'Vous êtes déconnecté.',
    signedInAs: 'Connecté en tant que {name}',
    signOut: 'Se déconnecter',
  },
};
