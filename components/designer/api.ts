// The design and plan API as the browser calls it: errors carry the design issues the server
// found, so the designer can mark the fields they name.
import type { DesignIssue } from '@/lib/topology/design';
import { requestJson } from '@/components/ui/api';

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; message: string; issues?: DesignIssue[] };

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<ApiResult<T>> {
  const result = await requestJson<T>(method, url, body);
  if (result.ok) return result;
  return { ok: false, status: result.status, message: result.message, issues: result.details.issues as DesignIssue[] | undefined };
}
