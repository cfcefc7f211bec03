/**
 * The warning's one-click sign-out: ends every live session of one device of the caller's
 * account, whatever the device limit says (it never ends anything itself).
 * @module
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { deviceKeyOf } from '../devices/device-key.js';
import type { RequestAuth } from '../http/request-auth.js';
import type { Session } from '../sessions/session.js';
import { HOME_PATH } from './account-page-routes.js';
import type { PageKit } from './page-kit.js';
import type { EndedSession } from './pages/session-list.js';

/** The route of the warning's sign-out forms. */
export const DEVICE_SIGN_OUT_ROUTE = `${HOME_PATH}/devices/:deviceKey/sign-out`;

/** `{deviceKey}` in that route. */
export const DEVICE_KEY_PARAMS = {
  type: 'object',
  required: ['deviceKey'],
  properties: { deviceKey: { type: 'string', pattern: '^[A-Za-z0-9_-]{22}$' } },
} as const;

/** A request to that route. */
export type DeviceKeyRequest = FastifyRequest<{ Params: { deviceKey: string } }>;

/** What the sessions page says after the device was signed out. */
export interface DeviceSignedOut {
  notice: string;
  ended: EndedSession[];
}

/**
 * Signs the device out when the form carries the session's token. Answers by itself when the
 * form is refused or this very device was signed out; otherwise returns what the sessions page
 * should say.
 */
export async function signOutDevice(
  kit: PageKit,
  auth: RequestAuth,
  request: DeviceKeyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | DeviceSignedOut> {
  if (!kit.guard.isSessionForm(request, auth.session)) {
    return kit.refuseForm(request, reply, HOME_PATH);
  }
  const ended = await endDeviceSessions(kit, auth, request.params.deviceKey);

  if (ended.some(({ session }) => session.id === auth.session.id)) {
    kit.clearCookie(request, reply);
    return reply.redirect('/sign-in?signed-out=1', 303);
  }
  return { notice: describeEnded(ended), ended };
}

async function endDeviceSessions(
  kit: PageKit,
  auth: RequestAuth,
  deviceKey: string,
): Promise<EndedSession[]> {
  const { sessions } = kit.services;
  const live = await sessions.listSessions(auth.session);
  const onDevice = live.filter((session) => deviceKeyOf(session) === deviceKey);

  const ended: EndedSession[] = [];
  for (const session of onDevice) {
    const heard = kit.hub.isListening(session.id);
    const one: Session | null = await sessions.endSession(auth.session, session.id);
    if (one !== null) ended.push({ session: one, heard });
  }
  return ended;
}

function describeEnded(ended: EndedSession[]): string {
  const first = ended[0];
  if (first === undefined) return 'That device had already signed out.';
  const count = ended.length === 1 ? '' : ` (${ended.length} sessions)`;
  return `Signed out ${first.session.label}${count}.`;
}
