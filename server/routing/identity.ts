/**
 * Verified visitor identity (docs/widget.md, "Verified identity"): the website owner's server
 * signs its customer's id with the POC's identity secret, as a short-lived JWT, and the widget
 * hands it over in the handshake. Only such a signature makes a visitor the customer it names.
 *
 * Invariants:
 * - HS256 only: the algorithm is pinned, so `none`, another HMAC or a public-key algorithm whose
 *   "public key" would be our secret is refused before any signature is looked at.
 * - `sub` and `exp` are required and the token lives at most `IDENTITY_MAX_LIFETIME_S`: a token
 *   that leaked (a page cached, a log) is worth little for long.
 * - Every refusal is `identity_invalid` (401) with an English reason for the website's developer;
 *   the token itself is never in a message or a log.
 */
import { errors, jwtVerify } from 'jose';
import { checkName } from '../../src/core/validators.js';
import { ParleyError } from '../errors.js';

/** The longest a signed identity may be valid: one hour after it was issued (or after now). */
export const IDENTITY_MAX_LIFETIME_S = 3600;
/** Clocks of the website's server and ours may differ by this much. */
export const IDENTITY_CLOCK_TOLERANCE_S = 5;
/** Longer than any sensible identity token: refused before parsing. */
const MAX_TOKEN_LENGTH = 4096;
/** The website owner's customer id: printable, no control characters. */
const SUBJECT = /^[^\p{Cc}]{1,200}$/u;

/** Who the website owner says the visitor is. */
export interface VerifiedIdentity {
  /** The website owner's id for the customer (`sub`). */
  id: string;
  /** The name it gave, if any (`name`). */
  name: string | null;
}

const refuse = (message: string) => new ParleyError('identity_invalid', message, 'identity');

/**
 * Checks a signed identity against a POC's secret; the customer it names, or `identity_invalid`.
 * `secret` null (the POC has none) refuses every identity.
 */
export async function verifyIdentity(
  secret: string | null,
  token: unknown,
  nowMs = Date.now(),
  /**
   * The verified customer whose visitor token came with this identity, if any. An identity of
   * that same customer, correctly signed but expired since, is still taken: the widget hands the
   * page's identity over again on every reconnect, and a chat must not die on a network blip an
   * hour in. Anyone else's expired identity is refused.
   */
  renewing: string | null = null,
): Promise<VerifiedIdentity> {
  if (secret === null) throw refuse('this point of contact has no identity secret, so it takes no identity token; an administrator can make one');
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) throw refuse('identity must be a signed JWT (a string)');
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ['HS256'],
      clockTolerance: IDENTITY_CLOCK_TOLERANCE_S,
      requiredClaims: ['sub', 'exp'],
      currentDate: new Date(nowMs),
    }));
  } catch (err) {
    // jose checks the signature before the claims: an expired token's payload is authentic.
    if (!(err instanceof errors.JWTExpired && renewing !== null && err.payload.sub === renewing)) throw refuse(reasonOf(err));
    payload = err.payload;
  }
  const nowS = Math.floor(nowMs / 1000);
  const exp = payload.exp as number;
  const issued = typeof payload.iat === 'number' ? Math.min(payload.iat, nowS) : nowS;
  if (exp - issued > IDENTITY_MAX_LIFETIME_S + IDENTITY_CLOCK_TOLERANCE_S) {
    throw refuse(`the identity token lives too long: exp must be at most ${IDENTITY_MAX_LIFETIME_S} seconds after iat (or now)`);
  }
  if (typeof payload.sub !== 'string' || !SUBJECT.test(payload.sub)) throw refuse('sub must be the customer id: 1 to 200 characters, no control characters');
  const name = checkName(payload.name, 'name');
  if (!name.ok) throw refuse(`the identity token's ${name.error.message}`);
  return { id: payload.sub, name: name.value };
}

/** Why jose refused the token, said for the website's developer. */
function reasonOf(err: unknown): string {
  if (err instanceof errors.JWTExpired) return 'the identity token has expired; sign a new one';
  if (err instanceof errors.JOSEAlgNotAllowed) return 'the identity token must be signed with HS256';
  if (err instanceof errors.JWSSignatureVerificationFailed) return "the identity token's signature does not match this point of contact's identity secret";
  if (err instanceof errors.JWTClaimValidationFailed) return `the identity token's ${err.claim} claim is missing or not valid`;
  return 'the identity token is not a valid signed JWT';
}
