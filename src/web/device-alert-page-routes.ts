/**
 * The pages behind a new-device alert's links: "This was me" and "This wasn't me".
 * @module
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { linkOriginOf } from '../http/link-origin.js';
import { clientAddressOf } from '../http/request-client.js';
import type { DeviceAlertAnswer } from '../security/device-alert.js';
import { DEVICE_ALERT_PATHS } from '../security/new-device-alert-service.js';
import type { PageKit } from './page-kit.js';
import {
  renderAlreadyAnsweredPage,
  renderConfirmedPage,
  renderDeniedPage,
  renderDeviceAlertPage,
  renderInvalidAlertLinkPage,
} from './pages/device-alert-pages.js';

type Form = Record<string, string | undefined>;

const FORM_BODY = {
  type: 'object',
  additionalProperties: { type: 'string', maxLength: 1024 },
} as const;

const TOKEN_QUERY = {
  type: 'object',
  properties: { token: { type: 'string', maxLength: 128 } },
} as const;

/** Registers the two links' pages and their forms. */
export async function deviceAlertPageRoutes(app: FastifyInstance, kit: PageKit): Promise<void> {
  for (const answer of ['confirm', 'deny'] as const) {
    const path = DEVICE_ALERT_PATHS[answer];
    app.get<{ Querystring: { token?: string } }>(
      path,
      { schema: { querystring: TOKEN_QUERY } },
      (request, reply) => showQuestion(kit, answer, request, reply),
    );
    app.post<{ Body: Form }>(path, { schema: { body: FORM_BODY } }, (request, reply) =>
      answerAlert(kit, answer, request, reply),
    );
  }
}

// A GET never changes anything: mail scanners open links too.
async function showQuestion(
  kit: PageKit,
  answer: DeviceAlertAnswer,
  request: FastifyRequest<{ Querystring: { token?: string } }>,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const token = request.query.token ?? '';
  const found = await kit.services.deviceAlerts.peek(token, answer);
  if (found === null) return kit.sendPage(reply, renderInvalidAlertLinkPage(), 400);

  const csrfToken = kit.guard.visitorToken(request, reply);
  const page = renderDeviceAlertPage({ answer, token, csrfToken, session: found.session });
  return kit.sendPage(reply, page);
}

async function answerAlert(
  kit: PageKit,
  answer: DeviceAlertAnswer,
  request: FastifyRequest<{ Body: Form }>,
  reply: FastifyReply,
): Promise<FastifyReply> {
  if (!kit.guard.isVisitorForm(request)) {
    return kit.refuseForm(request, reply, DEVICE_ALERT_PATHS[answer]);
  }
  const { services } = kit;
  const token = request.body.token ?? '';
  const context = {
    ip: clientAddressOf(request, services.config.trustedProxies),
    linkOrigin: linkOriginOf(request, services.config),
  };
  const alerts = services.deviceAlerts;
  const answered =
    answer === 'deny' ? await alerts.deny(token, context) : await alerts.confirm(token, context);

  if (answered.outcome === 'invalid') return kit.sendPage(reply, renderInvalidAlertLinkPage(), 400);
  if (answered.outcome === 'already_answered') {
    return kit.sendPage(reply, renderAlreadyAnsweredPage());
  }
  if (answer === 'confirm') return kit.sendPage(reply, renderConfirmedPage());
  return kit.sendPage(reply, renderDeniedPage({ endedLabel: answered.ended?.label ?? null }));
}
