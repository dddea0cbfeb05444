// The request body of POST /api/access/evaluate, checked field by field: a bad field answers
// 400 naming the field and the rule it broke (lib/auth's parseInput). The fields and their
// rules are lib/access's (the evaluator checks a request with them); the API narrows them to
// the formats a person types, and refuses fields it does not know. Pure (zod only), so the
// browser's form can check with the same rules before it asks.
import { z } from 'zod';
import { REQUEST_RULES, requestFields, requiredOr } from '@/lib/access/request';

export const ACCESS_RULES = {
  ...REQUEST_RULES,
  vpc: 'a VPC id (vpc-0123456789abcdef0) or VPC ARN (arn:aws:ec2:REGION:ACCOUNT:vpc/vpc-…)',
  service: 'a service id (svc-0123456789abcdefg) or service ARN (arn:aws:vpc-lattice:REGION:ACCOUNT:service/svc-…); with design, also a design record id (new-…)',
  path: 'a request path starting with "/", at most 2,048 characters, without spaces',
  headers: 'an object of header names (letters, digits and "-") to string values',
  design: 'a design id (a UUID)',
} as const;

export const VPC_PATTERN = /^(vpc-[0-9a-f]{8,17}|arn:aws[a-z-]*:ec2:[a-z0-9-]+:\d{12}:vpc\/vpc-[0-9a-f]{8,17})$/;
export const PRINCIPAL_PATTERN = /^\d{12}$|^arn:aws[a-z-]*:(iam::\d{12}:(root|role\/[\w+=,.@\/-]+|user\/[\w+=,.@\/-]+)|sts::\d{12}:assumed-role\/[\w+=,.@-]+\/[\w+=,.@-]+)$/;
export const SERVICE_PATTERN = /^(svc-[0-9a-z]{17}|arn:aws[a-z-]*:vpc-lattice:[a-z0-9-]+:\d{12}:service\/svc-[0-9a-z]{17}|new-[\w-]{1,80})$/;
const HEADER_NAME = /^[A-Za-z0-9-]{1,100}$/;

const A = ACCESS_RULES;
const F = requestFields;

/** Ids and ARNs are taken without the spaces a paste brings along. */
const trimmed = <S extends z.ZodType>(schema: S) => z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), schema);

const fields = {
  vpc: trimmed(F.vpc.regex(VPC_PATTERN, { error: A.vpc })),
  principal: trimmed(F.principal.refine((p) => p === null || PRINCIPAL_PATTERN.test(p), { error: A.principal })),
  service: trimmed(F.service.regex(SERVICE_PATTERN, { error: A.service })),
  method: F.method.regex(/^[A-Z]{3,16}$/, { error: A.method }),
  path: F.path.max(2048, { error: A.path }).regex(/^\/\S*$/, { error: A.path }),
  headers: z.record(z.string().regex(HEADER_NAME, { error: A.headers }), z.string({ error: A.headers }).max(4096, { error: A.headers }), { error: A.headers }),
  query: z.record(z.string().max(512), F.query.valueType.refine((v) => !Array.isArray(v) || v.length <= 50, { error: A.query }), { error: A.query }),
  design: z.string({ error: A.design }).uuid({ error: A.design }),
};

export const accessRequestSchema = z.strictObject(
  {
    source: z.strictObject({ vpc: fields.vpc, principal: fields.principal }, requiredOr(A.source)),
    target: z.strictObject(
      { service: fields.service, port: F.port.optional(), method: fields.method, path: fields.path, headers: fields.headers.optional(), query: fields.query.optional() },
      requiredOr(A.target),
    ),
    design: fields.design.optional(),
  },
  requiredOr(A.body),
);

export type AccessRequestBody = z.infer<typeof accessRequestSchema>;

/** The matrix question: one principal (or anonymous) and one request, every caller VPC × every service. */
export const accessMatrixSchema = z.strictObject({ principal: fields.principal, method: fields.method, path: fields.path, design: fields.design.optional() });

export type AccessMatrixBody = z.infer<typeof accessMatrixSchema>;
