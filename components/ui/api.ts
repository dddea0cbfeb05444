// Calls the console's own API from the browser. Every route answers errors as
// `{ error: { message, fields?: [{ path, rule }], ... } }`; this turns a response into a result
// a component can show, and a dropped connection into a message instead of an exception.

export interface FieldRule {
  path: string;
  rule: string;
}

export type ApiResult<T> =
  | { ok: true; data: T }
  | { ok: false; status: number; message: string; fields: FieldRule[]; details: Record<string, unknown> };

export async function requestJson<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch {
    return { ok: false, status: 0, message: 'The console did not answer. Check your connection and try again.', fields: [], details: {} };
  }
  if (response.status === 204) return { ok: true, data: undefined as T };
  const payload = (await response.json().catch(() => null)) as { error?: { message?: string; fields?: FieldRule[] } & Record<string, unknown> } | null;
  if (response.ok) return { ok: true, data: payload as T };
  const { message, fields, ...details } = payload?.error ?? {};
  return { ok: false, status: response.status, message: message ?? `The request failed (HTTP ${response.status}).`, fields: fields ?? [], details };
}
