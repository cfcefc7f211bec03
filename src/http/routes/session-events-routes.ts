/**
 * `GET /api/v1/session/events`: a server-sent event stream that tells one session, at once,
 * that the account's session list changed, or that the session itself has ended.
 * @module
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Session } from '../../sessions/session.js';
import type { SessionService } from '../../sessions/session-service.js';
import { AUTH_ERRORS } from '../api-schemas.js';
import { DeviceLimitFeed } from '../device-limit-feed.js';
import { EventStream } from '../event-stream.js';
import { findRequiredUpdate } from '../find-required-update.js';
import { requireSession, type RequestAuth } from '../request-auth.js';
import { isSecureRequest, readCredential } from '../session-credential.js';
import type { Services } from '../services.js';
import type { SessionEventHub, StampedEvent } from '../session-event-hub.js';

/** Options for the event stream. */
export interface SessionEventsOptions {
  /** Milliseconds between keep-alive comments; default 15 000. */
  keepAliveMillis?: number;
  /** Reconnection delay suggested to clients, in milliseconds; default 1 000. */
  retryMillis?: number;
}

/** Defaults for {@link SessionEventsOptions}. */
export const SESSION_EVENTS_DEFAULTS = Object.freeze({
  keepAliveMillis: 15_000,
  retryMillis: 1_000,
});

/** What a session's own stream says when the session ends. */
export interface SessionEndedData {
  /**
   * `signed_out`, `revoked` or `signed_out_everywhere` as in `session_revoked` problems;
   * `expired` when it reached its time limit; `ended` when its account is gone.
   */
  reason: string;
  /** When it ended, ISO 8601 UTC. */
  at: string;
  /** The label of the session that ended it; null when it ended by itself. */
  by: string | null;
}

interface StreamContext {
  services: Services;
  hub: SessionEventHub;
  settings: Required<SessionEventsOptions>;
  streams: Set<EventStream>;
}

/** Registers the event stream; open streams are ended when the app closes. */
export async function sessionEventsRoutes(
  app: FastifyInstance,
  services: Services,
  hub: SessionEventHub,
  options: SessionEventsOptions = {},
): Promise<void> {
  const settings = { ...SESSION_EVENTS_DEFAULTS, ...options };
  const context: StreamContext = { services, hub, settings, streams: new Set() };
  // Open streams would otherwise keep the server from closing.
  app.addHook('preClose', async () => context.streams.forEach((stream) => stream.end()));

  app.get(
    '/api/v1/session/events',
    {
      preHandler: requireSession(
        services.sessions,
        services.config.publicUrl,
        services.config.trustedProxies,
      ),
      schema: {
        summary: 'Live events for the current session (text/event-stream)',
        response: { ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      await streamEvents(context, request, reply);
    },
  );
}

async function streamEvents(
  context: StreamContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const { session } = authOf(request);
  const afterId = readLastEventId(request);
  const stream = new EventStream(reply, { retryMillis: context.settings.retryMillis });
  context.streams.add(stream);

  const owner = { accountId: session.accountId, sessionId: session.id };
  const limits = context.services.deviceLimits;
  const log = request.log;
  const deviceLimit = new DeviceLimitFeed({ stream, limits, accountId: session.accountId, log });
  const forward = (stamped: StampedEvent): void =>
    forwardEvent(stream, stamped, session.id, deviceLimit);
  const listening = context.hub.listen(owner, forward, afterId);
  if (afterId === null) stream.mark(listening.position);
  // Open to outdated apps so they hear of sign-outs, but told to update.
  const update = findRequiredUpdate(request, session, context.services.versionGate);
  if (update !== null) stream.send({ event: 'update_required', data: update });

  const timer = setInterval(() => keepAlive(stream, session, context), keepAliveMillis(context));
  stream.onClose(() => {
    clearInterval(timer);
    listening.stop();
    context.streams.delete(stream);
  });

  try {
    // The session may have ended between the check before this handler and the subscription.
    await recheckSession(context.services, request, stream);
    await deviceLimit.refresh();
  } catch (error) {
    request.log.error({ err: error }, 'event stream check failed');
    stream.end();
  }
}

function forwardEvent(
  stream: EventStream,
  stamped: StampedEvent,
  sessionId: string,
  deviceLimit: DeviceLimitFeed,
): void {
  const { event, id } = stamped;
  if (event.type === 'sessions.changed') {
    stream.send({ id, event: 'sessions.changed', data: {} });
    return;
  }
  if (event.type === 'device_limit.changed') {
    void deviceLimit.refresh();
    return;
  }
  // Other sessions' ends reach this stream as the `sessions.changed` that follows them.
  if (event.sessionId !== sessionId) return;

  const { revocation } = event;
  endStream(stream, id, {
    reason: revocation.reason,
    at: new Date(revocation.atMillis).toISOString(),
    by: revocation.byLabel,
  });
}

function keepAlive(stream: EventStream, session: Session, context: StreamContext): void {
  if (context.services.clock.now() < session.expiresAt) {
    stream.comment('keep-alive');
    return;
  }
  const at = new Date(session.expiresAt).toISOString();
  endStream(stream, undefined, { reason: 'expired', at, by: null });
}

async function recheckSession(
  services: Services,
  request: FastifyRequest,
  stream: EventStream,
): Promise<void> {
  const { publicUrl, trustedProxies } = services.config;
  const secure = isSecureRequest(request, publicUrl, trustedProxies);
  const token = readCredential(request, secure)?.token;
  const result = await services.sessions.authenticate(token);
  if (result.ok || !stream.isOpen) return;

  const ended = endedDataOf(result, services.clock.now());
  // An expired access token ends only this stream; the app reconnects with a fresh one.
  if (ended === null) stream.end();
  else endStream(stream, undefined, ended);
}

type Failure = Exclude<Awaited<ReturnType<SessionService['authenticate']>>, { ok: true }>;

function endedDataOf(failure: Failure, nowMillis: number): SessionEndedData | null {
  if (failure.code === 'token_expired') return null;
  if (failure.code === 'session_revoked') {
    const { session } = failure;
    const at = new Date(session.revokedAt ?? nowMillis).toISOString();
    return { reason: session.revokedReason ?? 'revoked', at, by: session.revokedByLabel };
  }
  if (failure.code === 'session_expired') {
    return { reason: 'expired', at: new Date(failure.expiry.atMillis).toISOString(), by: null };
  }
  return { reason: 'ended', at: new Date(nowMillis).toISOString(), by: null };
}

function endStream(stream: EventStream, id: number | undefined, data: SessionEndedData): void {
  stream.send({ id, event: 'session.revoked', data });
  stream.end();
}

function keepAliveMillis(context: StreamContext): number {
  return Math.max(10, context.settings.keepAliveMillis);
}

/** The id a reconnecting client last saw, from the standard `Last-Event-ID` header. */
function readLastEventId(request: FastifyRequest): number | null {
  const header = request.headers['last-event-id'];
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || !/^\d{1,15}$/.test(value.trim())) return null;
  return Number(value.trim());
}

function authOf(request: FastifyRequest): RequestAuth {
  if (request.auth === null) throw new Error('route registered without requireSession');
  return request.auth;
}
