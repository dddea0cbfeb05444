// Errors a caller is meant to read: an HTTP status, a message in words a user can act on, and
// details that go into the JSON answer as they are (`fields` for bad input, `issues` for a
// design that cannot be planned…). Every domain's refusals (plan, design, share, access,
// request) extend DomainError, and withRole's error mapping (lib/auth/guards.ts) turns each into
// `{ error: { message, ...details } }` with its status: no route maps errors itself.
// A leaf: it imports nothing, so every layer may use it.

export interface FieldProblem {
  /** Dotted path of the field, e.g. `roles.1`; `(body)` for the request body itself. */
  path: string;
  rule: string;
}

export class DomainError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: { fields?: FieldProblem[]; [key: string]: unknown } = {},
    /** Response headers the answer needs (e.g. Retry-After on a 429). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
