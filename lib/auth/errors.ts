// Errors that reach a caller as a clear message: the HTTP status, what went wrong and, for bad
// input, each field with the rule it broke. Route handlers, the CLI and forms all read these.
import { z } from 'zod';
import { DomainError, type FieldProblem } from '@/lib/errors';
import { RULES } from './schemas';

export type { FieldProblem };

/** A refused request: a DomainError whose details are the fields at fault, if any. */
export class RequestError extends DomainError {
  constructor(
    status: number,
    message: string,
    readonly fields?: FieldProblem[],
  ) {
    super(status, message, fields ? { fields } : {});
    this.name = 'RequestError';
  }
}

export const badRequest = (message: string, fields?: FieldProblem[]) => new RequestError(400, message, fields);
export const notFound = (message: string) => new RequestError(404, message);
export const conflict = (message: string, fields?: FieldProblem[]) => new RequestError(409, message, fields);
export const forbidden = (message: string) => new RequestError(403, message);

/** One problem per field (the first rule each broke), in the order zod found them. */
export function fieldProblems(error: z.ZodError): FieldProblem[] {
  const seen = new Map<string, FieldProblem>();
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...issue.path, key].join('.');
        if (!seen.has(path)) seen.set(path, { path, rule: RULES.unknownField });
      }
      continue;
    }
    const path = issue.path.length ? issue.path.map(String).join('.') : '(body)';
    if (!seen.has(path)) seen.set(path, { path, rule: issue.message });
  }
  return [...seen.values()];
}

export function describeFields(fields: FieldProblem[]): string {
  return fields.map((f) => `${f.path}: ${f.rule}`).join('; ');
}

/** Parses with a schema, or throws a 400 naming each bad field and its rule. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = fieldProblems(result.error);
  throw badRequest(`Invalid input: ${describeFields(fields)}`, fields);
}
