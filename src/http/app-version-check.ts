/**
 * The minimum-version gate at the HTTP edge: an app too old to work is told to update (426)
 * before it signs in or calls the API; one in the warning range is told so in a header.
 * @module
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppVersionGate } from '../clients/app-version-gate.js';
import type { AppPlatform } from '../clients/client-description.js';
import { parseAlloClientHeader } from '../clients/parse-allo-client-header.js';
import { AlloError } from '../domain/errors.js';
import { ALLO_CLIENT_HEADER } from './request-client.js';

/** The header that names a recommended version. */
export const UPDATE_RECOMMENDED_HEADER = 'x-allo-update-recommended';

const PLATFORM_NAMES: Readonly<Record<AppPlatform, string>> = Object.freeze({
  desktop: 'ALLO Desktop',
  ios: 'ALLO for iPhone and iPad',
  android: 'ALLO for Android',
});

/**
 * Checks the app version in `X-Allo-Client`. A request without the header is not judged by
 * version. `expectedPlatform` is the platform the credential or client id belongs to.
 * @throws AlloError `invalid_client_header` (malformed or contradicting) or
 *   `client_update_required` (426, with `minVersion` and `updateUrl`).
 */
export function enforceAppVersion(
  request: FastifyRequest,
  reply: FastifyReply,
  gate: AppVersionGate,
  expectedPlatform: string | null,
): void {
  const raw = request.headers[ALLO_CLIENT_HEADER];
  const header = parseAlloClientHeader(Array.isArray(raw) ? raw[0] : raw);
  if (!header.ok) throw new AlloError('invalid_client_header', `X-Allo-Client: ${header.reason}`);
  if (header.value === null) return;

  const { platform, appVersion } = header.value;
  if (expectedPlatform !== null && platform !== expectedPlatform) {
    throw new AlloError('invalid_client_header', 'X-Allo-Client names another platform.');
  }

  const verdict = gate.check(platform, appVersion);
  if (verdict.kind === 'update_required') throw updateRequired(platform, verdict);
  if (verdict.kind === 'update_recommended') {
    reply.header(UPDATE_RECOMMENDED_HEADER, verdict.version);
  }
}

function updateRequired(
  platform: AppPlatform,
  verdict: { minVersion: string; updateUrl: string },
): AlloError {
  const name = PLATFORM_NAMES[platform];
  const message = `This version of ${name} is too old. Update to ${verdict.minVersion} or later to sign in.`;
  return new AlloError('client_update_required', message, {
    details: { minVersion: verdict.minVersion, updateUrl: verdict.updateUrl },
  });
}
