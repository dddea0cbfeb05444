// The access API as the browser calls it.
import type { AccessDecision } from '@/lib/access/types';
import type { AccessDiffView, MatrixView } from '@/lib/access-server/views';
import { requestJson, type ApiResult } from '@/components/ui/api';
import type { AccessQuestion } from './question';

export function askAccess(q: AccessQuestion, design?: string): Promise<ApiResult<AccessDecision>> {
  return requestJson<AccessDecision>('POST', '/api/access/evaluate', {
    source: { vpc: q.vpc, principal: q.principal },
    target: { service: q.service, method: q.method, path: q.path, ...(q.port ? { port: q.port } : {}), ...(Object.keys(q.headers).length ? { headers: q.headers } : {}) },
    ...(design ? { design } : {}),
  });
}

export type MatrixResponse = MatrixView & { basis: { kind: string; takenAt: string } };

export function fetchMatrix(q: { principal: string | null; method: string; path: string; design?: string }): Promise<ApiResult<MatrixResponse>> {
  const p = new URLSearchParams({ method: q.method, path: q.path });
  if (q.principal) p.set('principal', q.principal);
  if (q.design) p.set('design', q.design);
  return requestJson<MatrixResponse>('GET', `/api/access/matrix?${p}`);
}

export type PlanAccessResponse = AccessDiffView & { designVersion: number | null; planVersion: number };

export function fetchPlanAccess(planId: string): Promise<ApiResult<PlanAccessResponse>> {
  return requestJson<PlanAccessResponse>('GET', `/api/plans/${planId}/access`);
}
