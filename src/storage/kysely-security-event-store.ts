/**
 * The security event storage port over Kysely, for SQLite and PostgreSQL alike.
 * @module
 */
import type { Insertable, Kysely, Selectable } from 'kysely';
import { nameCountry } from '../geo/name-country.js';
import type {
  NewSecurityEvent,
  SecurityActor,
  SecurityEvent,
  SecurityEventDetails,
  SecurityEventType,
} from '../security/security-event.js';
import type { AccountEventQuery, SecurityEventStore } from '../security/security-event-store.js';
import type { AccountSecurityDatabase, SecurityEventTable } from './account-security-schema.js';
import type { Database } from './database-schema.js';

/** A {@link SecurityEventStore} on the service's Kysely database. */
export class KyselySecurityEventStore implements SecurityEventStore {
  readonly #db: Kysely<AccountSecurityDatabase>;

  constructor(db: Kysely<Database>) {
    // The tables come from a later migration of the same database; only their types differ.
    this.#db = db as unknown as Kysely<AccountSecurityDatabase>;
  }

  async insertSecurityEvent(event: NewSecurityEvent): Promise<SecurityEvent> {
    const row = await this.#db
      .insertInto('security_events')
      .values(fromEvent(event))
      .returningAll()
      .executeTakeFirstOrThrow();
    return toEvent(row);
  }

  async listAccountSecurityEvents(query: AccountEventQuery): Promise<SecurityEvent[]> {
    let select = this.#db
      .selectFrom('security_events')
      .selectAll()
      .where('account_id', '=', query.accountId);
    if (query.beforeId !== null) select = select.where('id', '<', query.beforeId);

    const rows = await select.orderBy('id', 'desc').limit(query.limit).execute();
    return rows.map(toEvent);
  }

  async readSecurityEvents(afterId: number, limit: number): Promise<SecurityEvent[]> {
    const rows = await this.#db
      .selectFrom('security_events')
      .selectAll()
      .where('id', '>', afterId)
      .orderBy('id', 'asc')
      .limit(limit)
      .execute();
    return rows.map(toEvent);
  }
}

function fromEvent(event: NewSecurityEvent): Insertable<SecurityEventTable> {
  return {
    account_id: event.accountId,
    type: event.type,
    occurred_at: event.occurredAt,
    actor: event.actor,
    session_id: event.sessionId,
    by_session_id: event.bySessionId,
    client_label: event.clientLabel,
    ip: event.ip,
    city: event.location?.city ?? null,
    region: event.location?.region ?? null,
    country_code: event.location?.countryCode ?? null,
    details: JSON.stringify(event.details),
  };
}

function toEvent(row: Selectable<SecurityEventTable>): SecurityEvent {
  const { city, region, country_code: countryCode } = row;
  const hasPlace = city !== null || region !== null || countryCode !== null;
  return {
    id: Number(row.id),
    accountId: row.account_id,
    type: row.type as SecurityEventType,
    occurredAt: Number(row.occurred_at),
    actor: row.actor as SecurityActor,
    sessionId: row.session_id,
    bySessionId: row.by_session_id,
    clientLabel: row.client_label,
    ip: row.ip,
    location: hasPlace ? { city, region, country: nameCountry(countryCode), countryCode } : null,
    details: JSON.parse(row.details) as SecurityEventDetails,
  };
}
