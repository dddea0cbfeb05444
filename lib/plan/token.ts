// Deterministic idempotency tokens: the same plan operation always sends the same token, so
// a retry after a crash or a lost answer is recognised by Lattice (and EC2) as the same
// request and creates nothing twice.
import { compilePattern } from '@/lib/models';
import { MODEL_SHAPES } from '@/lib/topology/design';
import { hash53 } from '@/lib/canonical';

const shape = MODEL_SHAPES['vpc-lattice'].shapes.ClientToken;
const pattern = shape.pattern ? compilePattern(shape.pattern) : /^[!-~]+$/;
const maxLength = shape.max ?? 64;

/** The token of one operation of one plan: `<op id>-<hash of plan id and op id>`, inside the model's ClientToken rule. */
export function clientTokenFor(planId: string, opId: string): string {
  const digest = `${hash53(`${planId}:${opId}`, 1)}${hash53(`${planId}:${opId}`, 2)}`;
  const token = `${opId}-${digest}`.slice(0, maxLength);
  if (token.length < (shape.min ?? 1) || !pattern.test(token)) throw new Error(`clientToken ${token} breaks the model's ClientToken rule`);
  return token;
}
