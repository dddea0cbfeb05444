// The structured policy editor's model: statements of who (anyone, any signed caller, or named
// principals), which methods, which paths and extra conditions, written to IAM JSON and read
// back from it. A policy the form cannot show faithfully reads back as null (edit it as JSON).

export type Who = 'anyone' | 'authenticated' | 'named';

export interface FormCondition {
  operator: string;
  key: string;
  values: string[];
}

export interface FormStatement {
  sid: string;
  effect: 'Allow' | 'Deny';
  who: Who;
  principals: string[];
  methods: string[];
  paths: string[];
  resource: string;
  conditions: FormCondition[];
}

export const FORM_OPERATORS = ['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike', 'ArnEquals', 'ArnLike', 'ArnNotLike', 'NumericEquals', 'Bool', 'Null'] as const;

export const FORM_KEYS = [
  'vpc-lattice-svcs:RequestHeader/x-example',
  'vpc-lattice-svcs:RequestQueryString/key',
  'vpc-lattice-svcs:SourceVpc',
  'vpc-lattice-svcs:SourceVpcOwnerAccount',
  'vpc-lattice-svcs:ServiceNetworkArn',
  'vpc-lattice-svcs:ServiceArn',
  'vpc-lattice-svcs:Port',
  'aws:PrincipalOrgID',
  'aws:PrincipalAccount',
  'aws:PrincipalArn',
  'aws:PrincipalTag/team',
  'aws:ResourceTag/team',
] as const;

const METHOD_KEY = 'vpc-lattice-svcs:RequestMethod';
const PATH_KEY = 'vpc-lattice-svcs:RequestPath';
const TYPE_KEY = 'aws:PrincipalType';
const ACTION = 'vpc-lattice-svcs:Invoke';

export function newStatement(resource: string): FormStatement {
  return { sid: '', effect: 'Allow', who: 'authenticated', principals: [], methods: ['GET'], paths: ['/*'], resource, conditions: [] };
}

const list = (v: unknown): string[] | null => (typeof v === 'string' ? [v] : Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null);

export function formToJson(statements: FormStatement[]): string {
  const out = statements.map((s) => {
    const condition: Record<string, Record<string, string | string[]>> = {};
    const put = (op: string, key: string, values: string[]) => {
      if (!values.length) return;
      condition[op] = { ...(condition[op] ?? {}), [key]: values.length === 1 ? values[0] : values };
    };
    put('StringEquals', METHOD_KEY, s.methods);
    put('StringLike', PATH_KEY, s.paths.filter((p) => p && p !== '*' && p !== '/*'));
    if (s.who === 'authenticated') put('StringNotEqualsIgnoreCase', TYPE_KEY, ['Anonymous']);
    for (const c of s.conditions) if (c.key && c.operator) put(c.operator, c.key, c.values);
    const st: Record<string, unknown> = {};
    if (s.sid) st.Sid = s.sid;
    st.Effect = s.effect;
    st.Principal = s.who === 'named' ? { AWS: s.principals.length === 1 ? s.principals[0] : s.principals } : '*';
    st.Action = ACTION;
    st.Resource = s.resource || '*';
    if (Object.keys(condition).length) st.Condition = condition;
    return st;
  });
  // Lattice refuses newlines in a policy: the form writes it on one line.
  return JSON.stringify({ Version: '2012-10-17', Statement: out });
}

/** The form's view of a policy, or null when it uses something the form does not show. */
export function jsonToForm(text: string): FormStatement[] | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  if (!doc || typeof doc !== 'object') return null;
  const raw = (doc as { Statement?: unknown }).Statement;
  const statements = Array.isArray(raw) ? raw : raw ? [raw] : [];
  const out: FormStatement[] = [];
  for (const st of statements) {
    if (!st || typeof st !== 'object') return null;
    const s = st as Record<string, unknown>;
    const known = new Set(['Sid', 'Effect', 'Principal', 'Action', 'Resource', 'Condition']);
    if (Object.keys(s).some((k) => !known.has(k))) return null;
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') return null;
    const actions = list(s.Action);
    if (!actions || !actions.every((a) => a === ACTION || a === 'vpc-lattice-svcs:*' || a === '*')) return null;
    const resource = list(s.Resource);
    if (!resource || resource.length !== 1) return null;
    let who: Who = 'anyone';
    let principals: string[] = [];
    if (s.Principal !== '*') {
      const p = s.Principal as Record<string, unknown> | undefined;
      const aws = p && typeof p === 'object' && Object.keys(p).length === 1 ? list(p.AWS) : null;
      if (!aws) return null;
      if (aws.length === 1 && aws[0] === '*') who = 'anyone';
      else {
        who = 'named';
        principals = aws;
      }
    }
    const form: FormStatement = { sid: typeof s.Sid === 'string' ? s.Sid : '', effect: s.Effect, who, principals, methods: [], paths: [], resource: resource[0], conditions: [] };
    const cond = s.Condition;
    if (cond !== undefined) {
      if (!cond || typeof cond !== 'object') return null;
      for (const [op, block] of Object.entries(cond as Record<string, unknown>)) {
        if (!block || typeof block !== 'object') return null;
        for (const [key, value] of Object.entries(block as Record<string, unknown>)) {
          const values = list(value);
          if (!values) return null;
          if (op === 'StringEquals' && key === METHOD_KEY) form.methods = values;
          else if (op === 'StringLike' && key === PATH_KEY) form.paths = values;
          else if (op === 'StringNotEqualsIgnoreCase' && key === TYPE_KEY && values.length === 1 && values[0].toLowerCase() === 'anonymous' && form.who === 'anyone') form.who = 'authenticated';
          else form.conditions.push({ operator: op, key, values });
        }
      }
    }
    out.push(form);
  }
  return out;
}
