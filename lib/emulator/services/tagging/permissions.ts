// Does the caller's identity allow an action? The tagging API checks it so a console role
// without `tag:GetResources` is refused as AWS refuses it (discovery then falls back to
// per-resource calls). Roots are allowed everything; an assumed role is allowed what an
// Allow statement of its inline or attached policies grants and no Deny takes back.
// Resources and conditions are not evaluated: GetResources acts on `*`.
import type { Store } from '../../store/index';
import { findRole } from '../iam/index';
import { managedPolicy } from '../iam/managed';
import { parsePolicy, type PolicyStatement } from '../iam/policy';
import type { Caller } from '../types';

const asList = (value: unknown): string[] => (value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)]);

/** IAM action patterns: case-insensitive, `*` any run of characters, `?` one character. */
function actionMatches(pattern: string, action: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return re.test(action);
}

function statementCovers(s: PolicyStatement, action: string): boolean {
  if (s.Action !== undefined) return asList(s.Action).some((p) => actionMatches(p, action));
  return !asList(s.NotAction).some((p) => actionMatches(p, action));
}

function roleDocuments(store: Store, account: string, roleName: string): string[] | undefined {
  const role = findRole(store, account, roleName);
  if (!role) return undefined;
  const docs = Object.values((role.inline as Record<string, string> | undefined) ?? {});
  for (const arn of (role.attached as string[] | undefined) ?? []) {
    const document = managedPolicy(arn)?.Document ?? (store.get(arn)?.Document as string | undefined);
    if (document) docs.push(document);
  }
  return docs;
}

/** True when the caller may perform `action` (e.g. `tag:GetResources`). */
export function identityAllows(store: Store, caller: Caller, action: string): boolean {
  const session = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(caller.arn);
  if (!session) return true;
  const docs = roleDocuments(store, session[1]!, session[2]!);
  if (!docs) return false;
  let allowed = false;
  for (const doc of docs) {
    for (const s of parsePolicy(doc)) {
      if (!statementCovers(s, action)) continue;
      if (s.Effect === 'Deny') return false;
      allowed = true;
    }
  }
  return allowed;
}
