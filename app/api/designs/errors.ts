// Maps the plan engine's refusals to responses; everything else goes to lib/auth's mapper.
import { errorJson, errorResponse } from '@/lib/auth';
import { DesignInvalidError } from '@/lib/plan/server';
import { PlanError } from '@/lib/plan/errors';

export function planErrorResponse(err: unknown): Response {
  if (err instanceof DesignInvalidError) {
    return Response.json(
      { error: { message: err.message, issues: err.issues, fields: err.issues.map((i) => ({ path: `${i.recordId}.${i.path}`, rule: i.rule })) } },
      { status: 422 },
    );
  }
  if (err instanceof PlanError) return errorJson(409, err.message);
  return errorResponse(err);
}
