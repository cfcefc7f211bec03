/**
 * The app-credential storage port over Kysely, for SQLite and PostgreSQL alike.
 * @module
 */
import type { Kysely, Selectable } from 'kysely';
import type {
  AppCredential,
  AppCredentialKind,
  AuthorizationCode,
} from '../sessions/app-credential.js';
import type {
  AppCredentialDatabase,
  AppCredentialTable,
  AuthorizationCodeTable,
} from './app-credential-schema.js';
import type { AppCredentialStore, RotationOutcome } from './app-credential-store.js';
import type { Database } from './database-schema.js';

/** The session tables and the app-credential tables: one database, typed in two files. */
export type AppCredentialTables = Database & AppCredentialDatabase;

/** An {@link AppCredentialStore} on the service's Kysely database. */
export class KyselyAppCredentialStore implements AppCredentialStore {
  readonly #db: Kysely<AppCredentialTables>;

  constructor(db: Kysely<Database>) {
    // The tables come from a later migration of the same database; only their types differ.
    this.#db = db as unknown as Kysely<AppCredentialTables>;
  }

  async insertCredentials(credentials: AppCredential[]): Promise<void> {
    if (credentials.length === 0) return;
    await this.#db.insertInto('app_credentials').values(credentials.map(fromCredential)).execute();
  }

  async findCredential(tokenHash: string): Promise<AppCredential | null> {
    const row = await this.#db
      .selectFrom('app_credentials')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row ? toCredential(row) : null;
  }

  async rotateRefreshToken(
    tokenHash: string,
    rotation: { consumedAtMillis: number; successorSalt: string },
    successors: AppCredential[],
  ): Promise<RotationOutcome> {
    const successor = successors.find((credential) => credential.kind === 'refresh');
    return this.#db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('app_credentials')
        .set({
          consumed_at: rotation.consumedAtMillis,
          successor_hash: successor?.tokenHash ?? null,
          successor_salt: rotation.successorSalt,
        })
        .where('token_hash', '=', tokenHash)
        .where('kind', '=', 'refresh')
        .where('consumed_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return 'already_consumed';

      await trx.insertInto('app_credentials').values(successors.map(fromCredential)).execute();
      return 'rotated';
    });
  }

  async insertAuthorizationCode(code: AuthorizationCode): Promise<void> {
    await this.#db.insertInto('authorization_codes').values(fromCode(code)).execute();
  }

  async consumeAuthorizationCode(
    codeHash: string,
    atMillis: number,
  ): Promise<{ code: AuthorizationCode; isFirstUse: boolean } | null> {
    const result = await this.#db
      .updateTable('authorization_codes')
      .set({ consumed_at: atMillis })
      .where('code_hash', '=', codeHash)
      .where('consumed_at', 'is', null)
      .executeTakeFirst();
    const isFirstUse = Number(result.numUpdatedRows) === 1;
    // A replay is written before its session is read, so that either it finds the session
    // the first use started, or the first use finds the replay (attachSessionToCode).
    if (!isFirstUse) {
      await this.#db
        .updateTable('authorization_codes')
        .set({ replayed_at: atMillis })
        .where('code_hash', '=', codeHash)
        .execute();
    }
    const row = await this.#findCode(codeHash);
    return row === null ? null : { code: toCode(row), isFirstUse };
  }

  async attachSessionToCode(codeHash: string, sessionId: string): Promise<{ isReplayed: boolean }> {
    await this.#db
      .updateTable('authorization_codes')
      .set({ session_id: sessionId })
      .where('code_hash', '=', codeHash)
      .execute();
    const row = await this.#findCode(codeHash);
    return { isReplayed: row?.replayed_at != null };
  }

  async #findCode(codeHash: string): Promise<Selectable<AuthorizationCodeTable> | null> {
    const row = await this.#db
      .selectFrom('authorization_codes')
      .selectAll()
      .where('code_hash', '=', codeHash)
      .executeTakeFirst();
    return row ?? null;
  }

  async firstEnforcement(platform: string, minVersion: string, atMillis: number): Promise<number> {
    await this.#db
      .insertInto('app_version_floors')
      .values({ platform, min_version: minVersion, first_enforced_at: atMillis })
      .onConflict((conflict) => conflict.columns(['platform', 'min_version']).doNothing())
      .execute();
    const row = await this.#db
      .selectFrom('app_version_floors')
      .select('first_enforced_at')
      .where('platform', '=', platform)
      .where('min_version', '=', minVersion)
      .executeTakeFirstOrThrow();
    return Number(row.first_enforced_at);
  }
}

function fromCredential(credential: AppCredential): AppCredentialTable {
  return {
    token_hash: credential.tokenHash,
    session_id: credential.sessionId,
    kind: credential.kind,
    client_id: credential.clientId,
    created_at: credential.createdAt,
    expires_at: credential.expiresAt,
    consumed_at: credential.consumedAt,
    successor_hash: credential.successorHash,
    successor_salt: credential.successorSalt,
  };
}

function toCredential(row: Selectable<AppCredentialTable>): AppCredential {
  return {
    tokenHash: row.token_hash,
    sessionId: row.session_id,
    kind: row.kind as AppCredentialKind,
    clientId: row.client_id,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    consumedAt: row.consumed_at === null ? null : Number(row.consumed_at),
    successorHash: row.successor_hash,
    successorSalt: row.successor_salt,
  };
}

function fromCode(code: AuthorizationCode): AuthorizationCodeTable {
  return {
    code_hash: code.codeHash,
    account_id: code.accountId,
    client_id: code.clientId,
    redirect_uri: code.redirectUri,
    code_challenge: code.codeChallenge,
    created_at: code.createdAt,
    expires_at: code.expiresAt,
    consumed_at: code.consumedAt,
    session_id: code.sessionId,
    replayed_at: null,
  };
}

function toCode(row: Selectable<AuthorizationCodeTable>): AuthorizationCode {
  return {
    codeHash: row.code_hash,
    accountId: row.account_id,
    clientId: row.client_id,
    redirectUri: row.redirect_uri,
    codeChallenge: row.code_challenge,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    consumedAt: row.consumed_at === null ? null : Number(row.consumed_at),
    sessionId: row.session_id,
  };
}
