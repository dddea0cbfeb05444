// The export API's query, read and checked: which format, and what to export.
import type { ExportFormat } from './types';

export type ExportScope =
  | { kind: 'estate' }
  | { kind: 'account'; account: string }
  | { kind: 'design'; id: string }
  | { kind: 'plan'; id: string }
  | { kind: 'selection'; ids: string[] };

export interface ExportQueryProblem {
  path: string;
  rule: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SCOPE_RULE = 'estate, account:<12-digit id>, design:<design id>, plan:<plan id> or selection:<ARN>,<ARN>…';

/** The format and scope of `?format=…&scope=…`, or the problems with them (field and rule). */
export function parseExportQuery(params: URLSearchParams): { format: ExportFormat; scope: ExportScope } | { problems: ExportQueryProblem[] } {
  const problems: ExportQueryProblem[] = [];
  const format = params.get('format');
  if (format !== 'terraform' && format !== 'cloudformation') problems.push({ path: 'format', rule: 'terraform or cloudformation' });
  const raw = params.get('scope') ?? 'estate';
  let scope: ExportScope | undefined;
  const colon = raw.indexOf(':');
  const head = colon === -1 ? raw : raw.slice(0, colon);
  const rest = colon === -1 ? '' : raw.slice(colon + 1);
  if (raw === 'estate') scope = { kind: 'estate' };
  else if (head === 'account') {
    if (/^\d{12}$/.test(rest)) scope = { kind: 'account', account: rest };
    else problems.push({ path: 'scope', rule: 'account:<id> takes a 12-digit account id' });
  } else if (head === 'design' || head === 'plan') {
    if (UUID.test(rest)) scope = { kind: head, id: rest.toLowerCase() };
    else problems.push({ path: 'scope', rule: `${head}:<id> takes a ${head} id (a UUID)` });
  } else if (head === 'selection') {
    const ids = rest.split(',').map((s) => s.trim()).filter(Boolean);
    if (!ids.length) problems.push({ path: 'scope', rule: 'selection:<ARN>,… names at least one resource' });
    else if (ids.length > 5000) problems.push({ path: 'scope', rule: 'selection names at most 5,000 resources' });
    else if (ids.some((id) => !id.startsWith('arn:'))) problems.push({ path: 'scope', rule: 'selection:<ARN>,… takes ARNs separated by commas' });
    else scope = { kind: 'selection', ids };
  } else problems.push({ path: 'scope', rule: SCOPE_RULE });
  if (problems.length || !scope) return { problems };
  return { format: format as ExportFormat, scope };
}
