// The design and plan API as the browser calls it, with errors turned into messages.
import type { DesignIssue } from '@/lib/topology/design';

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; message: string; issues?: DesignIssue[] };

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch {
    return { ok: false, status: 0, message: 'The console did not answer. Check your connection and try again.' };
  }
  if (response.status === 204) return { ok: true, data: undefined as T };
  const payload = (await response.json().catch(() => null)) as (T & { error?: { message?: string; issues?: DesignIssue[] } }) | null;
  if (response.ok) return { ok: true, data: payload as T };
  return { ok: false, status: response.status, message: payload?.error?.message ?? `The request failed (HTTP ${response.status}).`, issues: payload?.error?.issues };
}
