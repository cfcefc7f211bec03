/**
 * Whether the app behind a request must update, for answers that stay open to outdated apps
 * (the events stream) and so tell them instead of refusing them.
 * @module
 */
import type { FastifyRequest } from 'fastify';
import type { AppVersionGate } from '../clients/app-version-gate.js';
import type { AlloClientHeader } from '../clients/client-description.js';
import { parseAlloClientHeader } from '../clients/parse-allo-client-header.js';
import type { Session } from '../sessions/session.js';
import { ALLO_CLIENT_HEADER } from './request-client.js';

/** What an outdated app is told: the version to install and where to find it. */
export interface RequiredUpdate {
  minVersion: string;
  updateUrl: string;
}

/**
 * The update an app must install, or null. The version the app sends in `X-Allo-Client`
 * decides; without the header, the version its session signed in with.
 */
export function findRequiredUpdate(
  request: FastifyRequest,
  session: Session,
  gate: AppVersionGate,
): RequiredUpdate | null {
  const client = sentClientOf(request) ?? recordedClientOf(session);
  if (client === null || client.platform !== session.platform) return null;

  const verdict = gate.check(client.platform, client.appVersion);
  if (verdict.kind !== 'update_required') return null;
  return { minVersion: verdict.minVersion, updateUrl: verdict.updateUrl };
}

function sentClientOf(request: FastifyRequest): AlloClientHeader | null {
  const raw = request.headers[ALLO_CLIENT_HEADER];
  const sent = parseAlloClientHeader(Array.isArray(raw) ? raw[0] : raw);
  return sent.ok ? sent.value : null;
}

function recordedClientOf(session: Session): AlloClientHeader | null {
  if (session.platform === null || session.appVersion === null) return null;
  const recorded = parseAlloClientHeader(`${session.platform}/${session.appVersion}`);
  return recorded.ok ? recorded.value : null;
}
