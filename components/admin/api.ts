// The admin forms' view of an API answer: one rule per top-level field, for inline errors.
import { requestJson, type ApiResult as Result } from '@/components/ui/api';

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; message: string; fields: Record<string, string> };

export async function callApi<T>(method: 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<ApiResult<T>> {
  const result: Result<T> = await requestJson<T>(method, url, body);
  if (result.ok) return result;
  const fields: Record<string, string> = {};
  for (const f of result.fields) fields[f.path.split('.')[0]] ??= f.rule;
  return { ok: false, status: result.status, message: result.message, fields };
}
