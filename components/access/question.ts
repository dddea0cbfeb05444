// The "Can it call?" question as URL parameters, so a link reproduces it:
// `?ask=1&from=vpc-…&as=<principal ARN>|anonymous&to=svc-…&method=GET&path=/orders&h=x-canary:true&port=443`.

export interface AccessQuestion {
  vpc: string;
  /** null = anonymous (unsigned). */
  principal: string | null;
  service: string;
  method: string;
  path: string;
  port?: number;
  headers: Record<string, string>;
}

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

export const EMPTY_QUESTION: AccessQuestion = { vpc: '', principal: null, service: '', method: 'GET', path: '/', headers: {} };

const KEYS = ['ask', 'from', 'as', 'to', 'method', 'path', 'h', 'port'] as const;

export function questionFromParams(p: URLSearchParams): AccessQuestion | null {
  if (!p.has('ask')) return null;
  const headers: Record<string, string> = {};
  for (const h of p.getAll('h')) {
    const at = h.indexOf(':');
    if (at > 0) headers[h.slice(0, at).trim().toLowerCase()] = h.slice(at + 1).trim();
  }
  const as = p.get('as');
  const port = Number(p.get('port'));
  return {
    vpc: p.get('from') ?? '',
    principal: !as || as === 'anonymous' ? null : as,
    service: p.get('to') ?? '',
    method: p.get('method') ?? 'GET',
    path: p.get('path') ?? '/',
    ...(Number.isInteger(port) && port > 0 ? { port } : {}),
    headers,
  };
}

/** Writes the question into `p` (replacing any earlier one); `null` removes it and closes the panel. */
export function questionToParams(q: AccessQuestion | null, p: URLSearchParams): URLSearchParams {
  for (const k of KEYS) p.delete(k);
  if (!q) return p;
  p.set('ask', '1');
  if (q.vpc) p.set('from', q.vpc);
  p.set('as', q.principal ?? 'anonymous');
  if (q.service) p.set('to', q.service);
  p.set('method', q.method);
  p.set('path', q.path);
  if (q.port) p.set('port', String(q.port));
  for (const [k, v] of Object.entries(q.headers)) p.append('h', `${k}:${v}`);
  return p;
}

export function isComplete(q: AccessQuestion): boolean {
  return !!q.vpc && !!q.service && !!q.method && q.path.startsWith('/');
}
