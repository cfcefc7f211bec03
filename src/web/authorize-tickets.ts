/**
 * Carries the account a person just signed in as from the sign-in step of the authorization
 * page to its confirm step, when no web session is kept.
 * @module
 */
import type { Clock } from '../domain/clock.js';
import type { CsrfTokens } from '../http/csrf-tokens.js';
import type { AuthorizationRequest } from '../oauth/authorization-service.js';

/** How long the confirm screen may stay open after signing in (10 minutes). */
export const TICKET_LIFETIME_SECONDS = 600;

/** What a ticket is bound to besides its account. */
export interface TicketBinding {
  request: AuthorizationRequest;
  /** The visitor's form token: the ticket works only in the browser it was issued to. */
  formToken: string;
}

/**
 * Issues and reads tickets: `<account id>.<expiry>.<MAC>`. The MAC (the form token key, in a
 * namespace of its own) binds the account to this request and this browser, so a ticket
 * cannot be forged, carried to another app or redirect URI, or replayed from elsewhere.
 */
export class AuthorizeTickets {
  readonly #tokens: CsrfTokens;
  readonly #clock: Clock;

  constructor(tokens: CsrfTokens, clock: Clock) {
    this.#tokens = tokens;
    this.#clock = clock;
  }

  /** A ticket for an account that has just proven its password. */
  issue(accountId: string, binding: TicketBinding): string {
    const expiresAtMillis = this.#clock.now() + TICKET_LIFETIME_SECONDS * 1000;
    const mac = this.#tokens.issue(bindingOf(accountId, expiresAtMillis, binding));
    return `${accountId}.${expiresAtMillis}.${mac}`;
  }

  /** The account id a ticket names, or null when it is forged, expired or bound elsewhere. */
  read(ticket: unknown, binding: TicketBinding): string | null {
    if (typeof ticket !== 'string') return null;
    const [accountId = '', expiry = '', mac, extra] = ticket.split('.');
    const expiresAtMillis = Number(expiry);
    if (extra !== undefined || !/^\d{1,15}$/.test(expiry)) return null;

    const signed = bindingOf(accountId, expiresAtMillis, binding);
    if (!this.#tokens.verify(signed, mac)) return null;
    return this.#clock.now() <= expiresAtMillis ? accountId : null;
  }
}

function bindingOf(accountId: string, expiresAtMillis: number, binding: TicketBinding): string {
  const { request, formToken } = binding;
  return [
    'authorize',
    accountId,
    expiresAtMillis,
    request.client.id,
    request.redirectUri,
    request.codeChallenge,
    request.state ?? '',
    formToken,
  ].join('\0');
}
