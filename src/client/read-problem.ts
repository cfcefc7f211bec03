/**
 * Reads error answers: RFC 9457 problem documents from the API, RFC 6749 errors from OAuth.
 * @module
 */

/** The members of a problem document the client uses; others are kept as they came. */
export interface ApiProblem {
  status: number;
  code: string | null;
  detail: string | null;
  [member: string]: unknown;
}

/** An OAuth error answer (RFC 6749 §5.2). */
export interface OAuthErrorAnswer {
  error: string;
  description: string | null;
}

/** Reads a JSON body; null when it is empty or not JSON. Consumes the body. */
export async function readJsonBody(response: Response): Promise<unknown> {
  try {
    const text = await response.text();
    return text === '' ? null : (JSON.parse(text) as unknown);
  } catch {
    return null;
  }
}

/** Reads a problem document; a body that is not one still gives the status. */
export async function readProblem(response: Response): Promise<ApiProblem> {
  const body = await readJsonBody(response);
  const members = isRecord(body) ? body : {};
  return {
    ...members,
    status: response.status,
    code: stringOrNull(members.code),
    detail: stringOrNull(members.detail),
  };
}

/** Reads an OAuth error answer; null when the body is not one. */
export async function readOAuthError(response: Response): Promise<OAuthErrorAnswer | null> {
  const body = await readJsonBody(response);
  if (!isRecord(body) || typeof body.error !== 'string') return null;
  return { error: body.error, description: stringOrNull(body.error_description) };
}

/** Whether a value is a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value when it is a string, else null. */
export function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
