// What an access question must look like, said once: the zod schema of an AccessRequest and the
// rule of each field in words. evaluateAccess checks its input with it (validateAccessRequest);
// the console's API narrows the same fields with the formats a person types
// (lib/access-server/schema.ts). Pure: zod and this module's policy reader only.
import { z } from 'zod';
import { callerFromArn } from './policy';
import type { AccessRequest } from './types';

/** Each field's rule, as an error names it: "target.port must be a whole number from 1 to 65535." */
export const REQUEST_RULES = {
  required: 'required',
  body: 'a JSON object with source and target',
  source: 'an object with vpc and principal',
  target: 'an object with service, method and path',
  vpc: 'a VPC id (vpc-…) or VPC ARN',
  principal:
    'an IAM principal ARN (arn:aws:iam::ACCOUNT:role/NAME, …:user/NAME, …:root, or arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION) or a 12-digit account id, or null for an anonymous (unsigned) caller',
  service: 'a service id (svc-…) or service ARN',
  port: 'a whole number from 1 to 65535',
  method: 'an HTTP method in capitals, such as GET, POST or DELETE (Lattice matches methods case-sensitively)',
  path: 'a request path starting with "/"',
  headers: 'an object of header names to string values',
  query: 'an object of query-string keys to a string or a list of strings',
  principalTags: 'an object of tag keys to string values',
  principalOrgId: 'an organization id (o-…)',
} as const;

const R = REQUEST_RULES;

/** Error options: "required" when the field is missing, else its rule. */
export const requiredOr = (rule: string) => ({ error: (issue: { input?: unknown }) => (issue.input === undefined ? R.required : rule) });

/** The fields of a request, one schema each, for the API to narrow. */
export const requestFields = {
  vpc: z.string(requiredOr(R.vpc)).min(1, { error: R.vpc }),
  principal: z.union([z.string().refine((p) => callerFromArn(p) !== undefined, { error: R.principal }), z.null()], requiredOr(R.principal)),
  service: z.string(requiredOr(R.service)).min(1, { error: R.service }),
  port: z.number({ error: R.port }).int({ error: R.port }).min(1, { error: R.port }).max(65535, { error: R.port }),
  method: z.string(requiredOr(R.method)).regex(/^[A-Z]+$/, { error: R.method }),
  path: z.string(requiredOr(R.path)).startsWith('/', { error: R.path }),
  headers: z.record(z.string(), z.string({ error: R.headers }), { error: R.headers }),
  query: z.record(z.string(), z.union([z.string(), z.array(z.string())]), { error: R.query }),
};

const F = requestFields;

export const accessSourceSchema = z.object(
  {
    vpc: F.vpc,
    principal: F.principal,
    principalTags: z.record(z.string(), z.string({ error: R.principalTags }), { error: R.principalTags }).optional(),
    principalOrgId: z.string({ error: R.principalOrgId }).optional(),
  },
  requiredOr(R.source),
);

export const accessTargetSchema = z.object(
  { service: F.service, port: F.port.optional(), method: F.method, path: F.path, headers: F.headers.optional(), query: F.query.optional() },
  requiredOr(R.target),
);

/** Everything evaluateAccess needs to answer; what a request holds besides is ignored. */
export const accessRequestShape = z.object({ source: accessSourceSchema, target: accessTargetSchema }, requiredOr(R.body)) satisfies z.ZodType<AccessRequest>;

/** A request the evaluator cannot answer: names the field and the rule it breaks (the API answers 400). */
export class AccessInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'AccessInputError';
  }
}

/** Checks a request's shape; throws AccessInputError naming the first bad field and its rule. */
export function validateAccessRequest(request: unknown): asserts request is AccessRequest {
  const result = accessRequestShape.safeParse(request);
  if (result.success) return;
  const issue = result.error.issues[0]!;
  const field = issue.path.length ? issue.path.map(String).join('.') : 'body';
  if (issue.message !== R.required) throw new AccessInputError(field, `${field} must be ${issue.message}.`);
  const rule = (R as Record<string, string>)[String(issue.path.at(-1))];
  throw new AccessInputError(field, rule ? `${field} is required: ${rule}.` : `${field} is required.`);
}
