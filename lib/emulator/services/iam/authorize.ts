// IAM's read operations as AWS authorizes them for a role session: the session's role must
// have an identity policy that allows `iam:<Operation>` on the resource, and none that denies
// it. Evaluated with lib/access's IAM policy evaluator (the one access analysis uses). An
// account's root is not limited by identity policies. Only reads are checked (see README).
import { callerFromArn, evaluatePolicy } from '@/lib/access';
import { ServiceError } from '../../protocols/errors';
import type { Handler, OperationContext } from '../types';
import { managedPolicy } from './managed';

const ROLE_KEY = (account: string, name: string) => `iam/${account}/role/${name.toLowerCase()}`;

/** The identity policy documents of a session's role: inline ones, then attached ones. */
function roleDocuments(ctx: OperationContext, account: string, roleName: string): string[] {
  const role = ctx.store.get(ROLE_KEY(account, roleName));
  if (!role) return [];
  const inline = Object.values(role.inline as Record<string, string>);
  const attached = (role.attached as string[]).map((arn) => managedPolicy(arn)?.Document ?? (ctx.store.get(arn)?.Document as string | undefined)).filter((d): d is string => !!d);
  return [...inline, ...attached];
}

/** Refuses the operation as IAM does when the caller's identity policies do not allow it. */
export function authorizeIamRead(ctx: OperationContext, resource: string): void {
  const caller = callerFromArn(ctx.caller.arn);
  if (!caller || caller.type !== 'AssumedRole' || !caller.roleName) return;
  const action = `iam:${ctx.operation}`;
  const request = { caller, action, resource, keys: new Map([['aws:principalarn', { values: [caller.principalArn], multi: false }]]) };
  let allowed = false;
  for (const document of roleDocuments(ctx, caller.account, caller.roleName)) {
    const ev = evaluatePolicy(document, request, 'identity');
    if (ev.outcome === 'explicitDeny') {
      throw new ServiceError('AccessDenied', `User: ${ctx.caller.arn} is not authorized to perform: ${action} on resource: ${resource} with an explicit deny in an identity-based policy`, 403);
    }
    if (ev.outcome === 'allow') allowed = true;
  }
  if (!allowed) throw new ServiceError('AccessDenied', `User: ${ctx.caller.arn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`, 403);
}

/** A read handler that first checks the caller may perform it on `resource(ctx)`. */
export function authorizedRead(handler: Handler, resource: (ctx: OperationContext) => string): Handler {
  return (ctx) => {
    authorizeIamRead(ctx, resource(ctx));
    return handler(ctx);
  };
}
