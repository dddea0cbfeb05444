// The sharing API as the browser calls it: errors keep one rule per field by its full path
// (e.g. `principals.1`).
import { requestJson, type ApiResult } from '@/components/ui/api';

export type { ApiResult };

export function postJson<T>(url: string, body: unknown): Promise<ApiResult<T>> {
  return requestJson<T>('POST', url, body);
}
