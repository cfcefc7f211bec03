import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from '../domain/clock.js';
import { CsrfTokens } from '../http/csrf-tokens.js';
import { OAUTH_CLIENTS } from '../oauth/oauth-clients.js';
import {
  AuthorizeTickets,
  TICKET_LIFETIME_SECONDS,
  type TicketBinding,
} from './authorize-tickets.js';

const DESKTOP = OAUTH_CLIENTS['allo-desktop']!;
const BINDING: TicketBinding = {
  request: {
    client: DESKTOP,
    redirectUri: 'http://127.0.0.1:5000/callback',
    codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    state: 'abc',
  },
  formToken: 'visitor-form-token',
};

function setup(): { tickets: AuthorizeTickets; clock: ManualClock } {
  const clock = new ManualClock();
  return { tickets: new AuthorizeTickets(new CsrfTokens(), clock), clock };
}

describe('AuthorizeTickets', () => {
  it('read() returns the account of a ticket it issued for the same request and browser', () => {
    const { tickets } = setup();
    const ticket = tickets.issue('acc_1', BINDING);
    assert.equal(tickets.read(ticket, BINDING), 'acc_1');
  });

  it('read() refuses a ticket whose account was swapped', () => {
    const { tickets } = setup();
    const ticket = tickets.issue('acc_1', BINDING);
    assert.equal(tickets.read(ticket.replace('acc_1', 'acc_2'), BINDING), null);
  });

  it('read() refuses a ticket for another redirect URI, client, challenge, state or browser', () => {
    const { tickets } = setup();
    const ticket = tickets.issue('acc_1', BINDING);
    const { request } = BINDING;
    const others: TicketBinding[] = [
      { ...BINDING, request: { ...request, redirectUri: 'http://127.0.0.1:5001/callback' } },
      { ...BINDING, request: { ...request, client: OAUTH_CLIENTS['allo-ios']! } },
      { ...BINDING, request: { ...request, codeChallenge: 'x'.repeat(43) } },
      { ...BINDING, request: { ...request, state: 'other' } },
      { ...BINDING, formToken: 'another-visitor' },
    ];
    for (const other of others) assert.equal(tickets.read(ticket, other), null);
  });

  it('read() refuses a ticket after its lifetime', () => {
    const { tickets, clock } = setup();
    const ticket = tickets.issue('acc_1', BINDING);
    clock.advanceSeconds(TICKET_LIFETIME_SECONDS);
    assert.equal(tickets.read(ticket, BINDING), 'acc_1');
    clock.advanceSeconds(1);
    assert.equal(tickets.read(ticket, BINDING), null);
  });

  it('read() refuses a ticket made with another key, and malformed ones', () => {
    const { tickets, clock } = setup();
    const foreign = new AuthorizeTickets(new CsrfTokens(), clock).issue('acc_1', BINDING);
    assert.equal(tickets.read(foreign, BINDING), null);
    for (const bad of [undefined, '', 'acc_1', 'acc_1.x.y', 'a.1.b.c', ['acc_1']]) {
      assert.equal(tickets.read(bad, BINDING), null);
    }
  });
});
