// The request body of POST /api/access/evaluate, checked field by field: a bad field answers
// 400 naming the field and the rule it broke (lib/auth's parseInput). Pure (zod only), so the
// browser's form can check with the same rules before it asks.
import { z } from 'zod';

export const ACCESS_RULES = {
  required: 'required',
  vpc: 'a VPC id (vpc-0123456789abcdef0) or VPC ARN (arn:aws:ec2:REGION:ACCOUNT:vpc/vpc-…)',
  principal:
    'an IAM principal ARN (arn:aws:iam::ACCOUNT:role/NAME, …:user/NAME, …:root, or arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION) or a 12-digit account id, or null for an anonymous (unsigned) caller',
  service: 'a service id (svc-0123456789abcdefg) or service ARN (arn:aws:vpc-lattice:REGION:ACCOUNT:service/svc-…); with design, also a design record id (new-…)',
  port: 'a whole number from 1 to 65535',
  method: 'an HTTP method in capitals, such as GET, POST or DELETE (Lattice matches methods case-sensitively)',
  path: 'a request path starting with "/", at most 2,048 characters, without spaces',
  headers: 'an object of header names (letters, digits and "-") to string values',
  query: 'an object of query-string keys to a string or a list of strings',
  design: 'a design id (a UUID)',
} as const;

const required = (rule: string) => ({ error: (issue: { input?: unknown }) => (issue.input === undefined ? ACCESS_RULES.required : rule) });

export const VPC_PATTERN = /^(vpc-[0-9a-f]{8,17}|arn:aws[a-z-]*:ec2:[a-z0-9-]+:\d{12}:vpc\/vpc-[0-9a-f]{8,17})$/;
export const PRINCIPAL_PATTERN = /^\d{12}$|^arn:aws[a-z-]*:(iam::\d{12}:(root|role\/[\w+=,.@\/-]+|user\/[\w+=,.@\/-]+)|sts::\d{12}:assumed-role\/[\w+=,.@-]+\/[\w+=,.@-]+)$/;
export const SERVICE_PATTERN = /^(svc-[0-9a-z]{17}|arn:aws[a-z-]*:vpc-lattice:[a-z0-9-]+:\d{12}:service\/svc-[0-9a-z]{17}|new-[\w-]{1,80})$/;
const HEADER_NAME = /^[A-Za-z0-9-]{1,100}$/;

export const accessRequestSchema = z.strictObject(
  {
    source: z.strictObject(
      {
        vpc: z.string(required(ACCESS_RULES.vpc)).trim().regex(VPC_PATTERN, { error: ACCESS_RULES.vpc }),
        principal: z.union([z.string().trim().regex(PRINCIPAL_PATTERN, { error: ACCESS_RULES.principal }), z.null()], required(ACCESS_RULES.principal)),
      },
      required('an object with vpc and principal'),
    ),
    target: z.strictObject(
      {
        service: z.string(required(ACCESS_RULES.service)).trim().regex(SERVICE_PATTERN, { error: ACCESS_RULES.service }),
        port: z.number({ error: ACCESS_RULES.port }).int({ error: ACCESS_RULES.port }).min(1, { error: ACCESS_RULES.port }).max(65535, { error: ACCESS_RULES.port }).optional(),
        method: z.string(required(ACCESS_RULES.method)).regex(/^[A-Z]{3,16}$/, { error: ACCESS_RULES.method }),
        path: z.string(required(ACCESS_RULES.path)).max(2048, { error: ACCESS_RULES.path }).regex(/^\/\S*$/, { error: ACCESS_RULES.path }),
        headers: z
          .record(z.string().regex(HEADER_NAME, { error: ACCESS_RULES.headers }), z.string({ error: ACCESS_RULES.headers }).max(4096, { error: ACCESS_RULES.headers }), { error: ACCESS_RULES.headers })
          .optional(),
        query: z.record(z.string().max(512), z.union([z.string(), z.array(z.string()).max(50)]), { error: ACCESS_RULES.query }).optional(),
      },
      required('an object with service, method and path'),
    ),
    design: z.string({ error: ACCESS_RULES.design }).uuid({ error: ACCESS_RULES.design }).optional(),
  },
  required('a JSON object with source and target'),
);

export type AccessRequestBody = z.infer<typeof accessRequestSchema>;

/** The matrix question: one principal (or anonymous) and one request, every caller VPC × every service. */
export const accessMatrixSchema = z.strictObject({
  principal: z.union([z.string().trim().regex(PRINCIPAL_PATTERN, { error: ACCESS_RULES.principal }), z.null()], required(ACCESS_RULES.principal)),
  method: z.string(required(ACCESS_RULES.method)).regex(/^[A-Z]{3,16}$/, { error: ACCESS_RULES.method }),
  path: z.string(required(ACCESS_RULES.path)).max(2048, { error: ACCESS_RULES.path }).regex(/^\/\S*$/, { error: ACCESS_RULES.path }),
  design: z.string({ error: ACCESS_RULES.design }).uuid({ error: ACCESS_RULES.design }).optional(),
});

export type AccessMatrixBody = z.infer<typeof accessMatrixSchema>;
