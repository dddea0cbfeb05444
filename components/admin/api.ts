// Calls the console's own API from admin forms and turns its errors into something a form can
// show: a message, and one error per field.

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; message: string; fields: Record<string, string> };

export async function callApi<T>(method: 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, message: 'The console did not answer. Check your connection and try again.', fields: {} };
  }
  const payload = (await response.json().catch(() => null)) as { error?: { message?: string; fields?: { path: string; rule: string }[] } } | null;
  if (response.ok) return { ok: true, data: payload as T };
  const fields: Record<string, string> = {};
  for (const f of payload?.error?.fields ?? []) fields[f.path.split('.')[0]] ??= f.rule;
  return {
    ok: false,
    status: response.status,
    message: payload?.error?.message ?? `The request failed (HTTP ${response.status}).`,
    fields,
  };
}
