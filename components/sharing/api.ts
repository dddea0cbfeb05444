// Calls the console's sharing API from the browser, turning its errors into a message and
// one rule per field (by the field's full path, e.g. `principals.1`).

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; message: string; fields: { path: string; rule: string }[] };

export async function postJson<T>(url: string, body: unknown): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  } catch {
    return { ok: false, status: 0, message: 'The console did not answer. Check your connection and try again.', fields: [] };
  }
  const payload = (await response.json().catch(() => null)) as { error?: { message?: string; fields?: { path: string; rule: string }[] } } | null;
  if (response.ok) return { ok: true, data: payload as T };
  return { ok: false, status: response.status, message: payload?.error?.message ?? `The request failed (HTTP ${response.status}).`, fields: payload?.error?.fields ?? [] };
}
