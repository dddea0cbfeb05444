// Auth policies checked as IAM checks them before AWS would refuse or silently misread them:
// JSON syntax, the 10 KB limit and newlines (VPC Lattice refuses both), Effect, principals,
// actions of vpc-lattice-svcs, condition operators and keys with their types, resources.
// Sources: VPC Lattice User Guide auth-policies.html and quotas.html; IAM JSON policy element
// reference (Effect, Principal, Action, Resource, Condition, condition operators); Service
// Authorization Reference for vpc-lattice-svcs (iam-data.ts).
import { AUTH_POLICY_MAX_BYTES, CONDITION_OPERATORS, FAMILIES_FOR_TYPE, LATTICE_SVCS_ACTIONS, lookupConditionKey } from './iam-data';
import { callerFromArn, globMatch, parseOperator } from './policy';

export interface PolicyIssue {
  severity: 'error' | 'warning';
  /** Where in the document: `Statement[1].Condition.StringLike`, or `policy` for the whole text. */
  path: string;
  /** What is wrong, in a sentence, naming the rule. */
  message: string;
  /** Line and column in the text, when the problem is at a known place. */
  line?: number;
  column?: number;
}

type J = unknown;
const isObj = (v: J): v is Record<string, J> => !!v && typeof v === 'object' && !Array.isArray(v);
const list = (v: J): J[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

const TOP_KEYS = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);

function positionOf(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}

function checkPrincipalValue(v: string, path: string, issues: PolicyIssue[]) {
  if (v === '*') return;
  if (/^\d{12}$/.test(v)) return;
  if (v.includes('*') || v.includes('?')) {
    issues.push({ severity: 'error', path, message: `Principal "${v}" has a partial wildcard; IAM accepts only "*" on its own in Principal (reference_policies_elements_principal: "you cannot use a wildcard to match part of a principal name or ARN").` });
    return;
  }
  if (!v.startsWith('arn:')) {
    issues.push({ severity: 'error', path, message: `Principal "${v}" is neither "*", a 12-digit account id nor an ARN.` });
    return;
  }
  if (!callerFromArn(v)) {
    issues.push({ severity: 'error', path, message: `Principal "${v}" is not a valid IAM principal ARN (arn:aws:iam::ACCOUNT:root | role/NAME | user/NAME, or arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION).` });
  }
}

/** Checks one auth policy's text. An empty list means IAM would accept it as far as Trellis knows. */
export function lintAuthPolicy(text: string): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > AUTH_POLICY_MAX_BYTES) issues.push({ severity: 'error', path: 'policy', message: `The policy is ${bytes} bytes; VPC Lattice auth policies are limited to 10 KB (${AUTH_POLICY_MAX_BYTES} bytes).` });
  const nl = text.search(/[\r\n]/);
  if (nl !== -1) issues.push({ severity: 'error', path: 'policy', ...positionOf(text, nl), message: 'The policy contains a newline; VPC Lattice refuses auth policies with newlines or blank lines (auth-policies.html); write it on one line.' });
  let doc: J;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec(String((e as Error).message));
    const at = m ? positionOf(text, Number(m[1])) : {};
    issues.push({ severity: 'error', path: 'policy', ...at, message: `The policy is not valid JSON: ${(e as Error).message}.` });
    return issues;
  }
  if (!isObj(doc)) {
    issues.push({ severity: 'error', path: 'policy', message: 'The policy must be a JSON object with a Statement.' });
    return issues;
  }
  for (const k of Object.keys(doc)) if (!TOP_KEYS.has(k)) issues.push({ severity: 'error', path: k, message: `"${k}" is not a policy element (Version, Id, Statement).` });
  if (doc.Version === undefined) issues.push({ severity: 'warning', path: 'Version', message: 'No Version: IAM then uses 2008-10-17, where policy variables are not supported; write "Version": "2012-10-17".' });
  else if (doc.Version !== '2012-10-17' && doc.Version !== '2008-10-17') issues.push({ severity: 'error', path: 'Version', message: `Version "${String(doc.Version)}" is not one IAM knows (2012-10-17, 2008-10-17).` });
  if (doc.Statement === undefined) {
    issues.push({ severity: 'error', path: 'Statement', message: 'The policy has no Statement.' });
    return issues;
  }
  const statements = list(doc.Statement);
  const sids = new Set<string>();
  statements.forEach((s, i) => {
    const at = `Statement[${i}]`;
    if (!isObj(s)) {
      issues.push({ severity: 'error', path: at, message: 'A statement must be a JSON object.' });
      return;
    }
    for (const k of Object.keys(s)) if (!STATEMENT_KEYS.has(k)) issues.push({ severity: 'error', path: `${at}.${k}`, message: `"${k}" is not a statement element.` });
    if (s.Sid !== undefined) {
      if (typeof s.Sid !== 'string' || !/^[A-Za-z0-9]*$/.test(s.Sid)) issues.push({ severity: 'error', path: `${at}.Sid`, message: 'Sid may hold only letters and digits.' });
      else if (sids.has(s.Sid)) issues.push({ severity: 'error', path: `${at}.Sid`, message: `Sid "${s.Sid}" is used twice; Sids must be unique in a policy.` });
      else sids.add(s.Sid);
    }
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') issues.push({ severity: 'error', path: `${at}.Effect`, message: `Effect must be "Allow" or "Deny" (case-sensitive), not ${JSON.stringify(s.Effect)}.` });
    // Principal.
    const hasP = s.Principal !== undefined;
    const hasNP = s.NotPrincipal !== undefined;
    if (hasP && hasNP) issues.push({ severity: 'error', path: at, message: 'A statement has either Principal or NotPrincipal, not both.' });
    if (!hasP && !hasNP) issues.push({ severity: 'error', path: at, message: 'An auth policy is a resource-based policy: every statement needs a Principal (or NotPrincipal).' });
    for (const which of ['Principal', 'NotPrincipal'] as const) {
      const p = s[which];
      if (p === undefined) continue;
      const pat = `${at}.${which}`;
      if (p === '*') continue;
      if (!isObj(p)) {
        issues.push({ severity: 'error', path: pat, message: `${which} must be "*" or an object such as {"AWS": [...]}.` });
        continue;
      }
      for (const [k, v] of Object.entries(p)) {
        if (!['AWS', 'Service', 'Federated', 'CanonicalUser'].includes(k)) {
          issues.push({ severity: 'error', path: `${pat}.${k}`, message: `"${k}" is not a principal type (AWS, Service, Federated, CanonicalUser).` });
          continue;
        }
        if (k !== 'AWS') {
          issues.push({ severity: 'warning', path: `${pat}.${k}`, message: `${k} principals never sign requests to a Lattice service; this entry matches no caller.` });
          continue;
        }
        list(v).forEach((x, j) => {
          if (typeof x !== 'string') issues.push({ severity: 'error', path: `${pat}.AWS[${j}]`, message: 'A principal must be a string.' });
          else checkPrincipalValue(x, `${pat}.AWS[${j}]`, issues);
        });
      }
      if (which === 'NotPrincipal') {
        issues.push({ severity: 'warning', path: pat, message: 'NotPrincipal is easy to get wrong: with Deny, a role session escapes only if its session ARN, its role ARN and its account are all listed (reference_policies_elements_notprincipal). Prefer Principal "*" with a condition on aws:PrincipalArn.' });
      }
    }
    // Action.
    const hasA = s.Action !== undefined;
    const hasNA = s.NotAction !== undefined;
    if (hasA && hasNA) issues.push({ severity: 'error', path: at, message: 'A statement has either Action or NotAction, not both.' });
    if (!hasA && !hasNA) issues.push({ severity: 'error', path: at, message: 'Every statement needs an Action (or NotAction).' });
    for (const which of ['Action', 'NotAction'] as const) {
      list(s[which]).forEach((a, j) => {
        const pat = `${at}.${which}${Array.isArray(s[which]) ? `[${j}]` : ''}`;
        if (typeof a !== 'string') return void issues.push({ severity: 'error', path: pat, message: 'An action must be a string.' });
        if (a === '*') return;
        const colon = a.indexOf(':');
        if (colon === -1) return void issues.push({ severity: 'error', path: pat, message: `Action "${a}" must be written service:action (vpc-lattice-svcs:Invoke).` });
        const prefix = a.slice(0, colon).toLowerCase();
        const name = a.slice(colon + 1);
        if (prefix !== 'vpc-lattice-svcs') {
          issues.push({ severity: prefix === 'vpc-lattice' ? 'error' : 'warning', path: pat, message: `Action "${a}" is not a vpc-lattice-svcs action; an auth policy governs only vpc-lattice-svcs:Invoke and vpc-lattice-svcs:Connect${prefix === 'vpc-lattice' ? ' (vpc-lattice:* is the management API, not calls to services)' : ''}.` });
          return;
        }
        const known = Object.values(LATTICE_SVCS_ACTIONS).some((info) => globMatch(name, info.name, true));
        if (!known) issues.push({ severity: 'error', path: pat, message: `vpc-lattice-svcs has no action "${name}"; it has Invoke and Connect (Service Authorization Reference).` });
      });
    }
    // Resource.
    const hasR = s.Resource !== undefined;
    const hasNR = s.NotResource !== undefined;
    if (hasR && hasNR) issues.push({ severity: 'error', path: at, message: 'A statement has either Resource or NotResource, not both.' });
    if (!hasR && !hasNR) issues.push({ severity: 'error', path: at, message: 'Every statement needs a Resource (or NotResource).' });
    for (const which of ['Resource', 'NotResource'] as const) {
      list(s[which]).forEach((r, j) => {
        const pat = `${at}.${which}${Array.isArray(s[which]) ? `[${j}]` : ''}`;
        if (typeof r !== 'string') return void issues.push({ severity: 'error', path: pat, message: 'A resource must be a string.' });
        if (r === '*' || r.startsWith('${')) return;
        const parts = r.split(':');
        if (parts[0] !== 'arn' || parts.length < 6) return void issues.push({ severity: 'error', path: pat, message: `Resource "${r}" is not an ARN or "*".` });
        if (parts[2] !== 'vpc-lattice' && parts[2] !== '*') return void issues.push({ severity: 'warning', path: pat, message: `Resource "${r}" is not a vpc-lattice ARN, so it matches no Lattice request.` });
        const res = parts.slice(5).join(':');
        if (!globMatch(res, 'service/x') && !globMatch(res, 'service/x/y') && !/^service\//.test(res) && res !== '*') {
          issues.push({ severity: 'warning', path: pat, message: `Resource "${r}" names no service: requests are checked against arn:…:service/svc-ID/PATH (Invoke) or arn:…:service/svc-ID (Connect).` });
        }
      });
    }
    // Condition.
    if (s.Condition !== undefined) {
      if (!isObj(s.Condition)) {
        issues.push({ severity: 'error', path: `${at}.Condition`, message: 'Condition must be an object of operators.' });
        return;
      }
      for (const [rawOp, block] of Object.entries(s.Condition)) {
        const pat = `${at}.Condition.${rawOp}`;
        const op = parseOperator(rawOp);
        if (!op) {
          issues.push({ severity: 'error', path: pat, message: `"${rawOp}" is not an IAM condition operator.` });
          continue;
        }
        if (!isObj(block)) {
          issues.push({ severity: 'error', path: pat, message: `${rawOp} must map condition keys to values.` });
          continue;
        }
        const family = CONDITION_OPERATORS[op.base]!.family;
        for (const [key, values] of Object.entries(block)) {
          const kpat = `${pat}.${key}`;
          const info = lookupConditionKey(key);
          const prefix = key.slice(0, key.indexOf(':') + 1).toLowerCase();
          if (!info) {
            if (prefix === 'vpc-lattice-svcs:') issues.push({ severity: 'error', path: kpat, message: `vpc-lattice-svcs has no condition key "${key}" (Port, RequestHeader/NAME, RequestMethod, RequestPath, RequestQueryString/KEY, ServiceArn, ServiceNetworkArn, SourceVpc, SourceVpcOwnerAccount).` });
            else if (prefix === 'aws:') issues.push({ severity: 'error', path: kpat, message: `"${key}" is not an AWS global condition key.` });
            else issues.push({ severity: 'warning', path: kpat, message: `"${key}" is not a key of a Lattice request; it is never present, so the condition reads it as missing.` });
            continue;
          }
          if (family !== 'Null' && !FAMILIES_FOR_TYPE[info.type].includes(family)) {
            issues.push({ severity: 'error', path: kpat, message: `${rawOp} compares ${family === 'IPAddress' ? 'IP addresses' : family.toLowerCase() + ' values'}, but ${info.name} is of type ${info.type}.` });
          }
          if (info.type.startsWith('ArrayOf') && !op.set && family !== 'Null') {
            issues.push({ severity: 'warning', path: kpat, message: `${info.name} can hold several values; use ForAnyValue:${rawOp} or ForAllValues:${rawOp} to say how they combine.` });
          }
          if (!info.type.startsWith('ArrayOf') && op.set) {
            issues.push({ severity: 'warning', path: kpat, message: `${info.name} is single-valued; ${op.set} is meant for multivalued keys${op.set === 'ForAllValues' ? ' and is true when the key is missing' : ''}.` });
          }
          const vals = list(values);
          if (!vals.length) issues.push({ severity: 'error', path: kpat, message: 'A condition needs at least one value.' });
          for (const v of vals) {
            if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
              issues.push({ severity: 'error', path: kpat, message: 'Condition values must be strings, numbers or booleans.' });
              continue;
            }
            const sv = String(v);
            if (family === 'Numeric' && Number.isNaN(Number(sv))) issues.push({ severity: 'error', path: kpat, message: `${rawOp} needs numbers; "${sv}" is not one.` });
            if ((family === 'Bool' || family === 'Null') && !/^(true|false)$/i.test(sv)) issues.push({ severity: 'error', path: kpat, message: `${rawOp} takes true or false, not "${sv}".` });
            if (family === 'IPAddress' && !/^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(sv)) issues.push({ severity: 'error', path: kpat, message: `${rawOp} needs an IP address or CIDR; "${sv}" is not one.` });
            if (family === 'Date' && Number.isNaN(Date.parse(sv)) && !/^\d+$/.test(sv)) issues.push({ severity: 'error', path: kpat, message: `${rawOp} needs a date (ISO 8601 or epoch seconds); "${sv}" is not one.` });
            if (info.name === 'aws:PrincipalType' && !['Anonymous', 'AssumedRole', 'User', 'Account', 'FederatedUser', 'AWSService'].some((t) => globMatch(sv, t, op.base.includes('IgnoreCase')))) {
              issues.push({ severity: 'warning', path: kpat, message: `aws:PrincipalType is one of Account, User, FederatedUser, AssumedRole, Anonymous, AWSService; "${sv}" matches none${op.base.includes('IgnoreCase') ? '' : ' (values compare case-sensitively)'}.` });
            }
            if (info.name === 'vpc-lattice-svcs:RequestMethod' && family === 'String' && !op.base.includes('IgnoreCase') && sv !== sv.toUpperCase()) {
              issues.push({ severity: 'warning', path: kpat, message: `HTTP methods arrive in capitals; "${sv}" never equals one under ${rawOp}.` });
            }
          }
        }
      }
    }
  });
  return issues;
}
