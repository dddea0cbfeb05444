// What the designer's pickers offer: the Lambda functions a LAMBDA target group can send to,
// the log groups an access-log subscription can deliver to, and what a typed ARN must look
// like for each. Read from the topology the designer already holds.
import { compilePattern } from '@/lib/models';
import type { Json, Topology, TopologyNode } from '../types';
import { shapeAt } from './model-shapes';

export interface FunctionChoice {
  arn: string;
  name: string;
  account: string;
  region: string;
  runtime?: string;
  /** Whether the function's policy lets VPC Lattice invoke it; undefined when the policy was not read. */
  allowsLattice?: boolean;
  /** In the target group's account and Region: the ones a LAMBDA target group can register. */
  sameAccountAndRegion: boolean;
}

export interface LogGroupChoice {
  /** The log group's ARN as a subscription names it (without the `:*` AWS appends when it reports it). */
  arn: string;
  name: string;
  account: string;
  region: string;
  retentionInDays?: number;
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** Whether a function policy allows vpc-lattice.amazonaws.com to invoke the function. */
export function policyAllowsLattice(policy: Json | undefined): boolean | undefined {
  if (policy === undefined) return undefined;
  if (policy === null || typeof policy !== 'object' || Array.isArray(policy)) return false;
  for (const s of asList((policy as Record<string, Json>).Statement)) {
    if (!s || typeof s !== 'object' || Array.isArray(s)) continue;
    const st = s as Record<string, Json>;
    if (st.Effect !== 'Allow') continue;
    const principal = st.Principal;
    const services = principal && typeof principal === 'object' && !Array.isArray(principal) ? asList(principal.Service) : [];
    if (!services.includes('vpc-lattice.amazonaws.com')) continue;
    if (asList(st.Action).some((a) => a === 'lambda:InvokeFunction' || a === 'lambda:*' || a === '*')) return true;
  }
  return false;
}

const byPlace = (account: string, region: string) => (a: { account: string; region: string; name: string }, b: { account: string; region: string; name: string }) => {
  const here = (x: { account: string; region: string }) => (x.account === account && x.region === region ? 0 : 1);
  return here(a) - here(b) || a.name.localeCompare(b.name);
};

/** Functions of the estate, those in the target group's account and Region first. */
export function functionChoices(topology: Pick<Topology, 'nodes'> | null, at: { account: string; region: string }): FunctionChoice[] {
  return (topology?.nodes ?? [])
    .filter((n): n is TopologyNode => n.kind === 'lambdaFunction' && !n.external)
    .map((n) => {
      const choice: FunctionChoice = { arn: n.id, name: n.name, account: n.account, region: n.region, sameAccountAndRegion: n.account === at.account && n.region === at.region };
      if (typeof n.description.Runtime === 'string') choice.runtime = n.description.Runtime;
      const allows = policyAllowsLattice(n.resourcePolicy);
      if (allows !== undefined) choice.allowsLattice = allows;
      return choice;
    })
    .sort(byPlace(at.account, at.region));
}

/** Log groups of the estate, those in the resource's account and Region first. */
export function logGroupChoices(topology: Pick<Topology, 'nodes'> | null, at: { account: string; region: string }): LogGroupChoice[] {
  return (topology?.nodes ?? [])
    .filter((n) => n.kind === 'logGroup' && !n.external)
    .map((n) => {
      const choice: LogGroupChoice = { arn: n.id.replace(/:\*$/, ''), name: n.name, account: n.account, region: n.region };
      if (typeof n.description.retentionInDays === 'number') choice.retentionInDays = n.description.retentionInDays;
      return choice;
    })
    .sort(byPlace(at.account, at.region));
}

/** The destinations Lattice delivers access logs to, with the ARN form each takes. */
export const DESTINATION_FORMS = {
  logs: { label: 'CloudWatch Logs log group', pattern: /^arn:aws[a-z-]*:logs:[a-z0-9-]+:\d{12}:log-group:[\w./#-]{1,512}$/, example: 'arn:aws:logs:us-east-1:111122223333:log-group:/lattice/access' },
  s3: { label: 'S3 bucket', pattern: /^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, example: 'arn:aws:s3:::my-access-logs' },
  firehose: { label: 'Data Firehose stream', pattern: /^arn:aws[a-z-]*:firehose:[a-z0-9-]+:\d{12}:deliverystream\/[\w.-]{1,64}$/, example: 'arn:aws:firehose:us-east-1:111122223333:deliverystream/lattice-logs' },
} as const;

export type DestinationType = keyof typeof DESTINATION_FORMS;

const destinationModel = (() => {
  const shape = shapeAt('vpc-lattice', 'CreateAccessLogSubscriptionRequest', ['destinationArn']);
  return { min: shape?.min ?? 0, max: shape?.max ?? Infinity, pattern: shape?.pattern ? compilePattern(shape.pattern) : undefined, source: shape?.pattern ?? '' };
})();

/**
 * What is wrong with an access-log destination ARN, or null: first the model's constraints on
 * destinationArn (length, pattern), then the kinds of destination Lattice delivers to.
 */
export function destinationArnProblem(arn: string): string | null {
  if (arn.length < destinationModel.min || arn.length > destinationModel.max) return `Member must have length between ${destinationModel.min} and ${destinationModel.max}.`;
  if (destinationModel.pattern && !destinationModel.pattern.test(arn)) return `Member must satisfy regular expression pattern: ${destinationModel.source}`;
  const type = arn.split(':')[2] as DestinationType;
  const form = DESTINATION_FORMS[type];
  if (!form) return 'Access logs go to a CloudWatch Logs log group, an S3 bucket or a Data Firehose stream (logs, s3 or firehose ARN).';
  if (!form.pattern.test(arn)) return `Not a ${form.label} ARN: expected the form ${form.example}.`;
  return null;
}

/** What is wrong with a LAMBDA target's id, or null: Lattice registers a function by its ARN. */
export function lambdaTargetProblem(id: string): string | null {
  if (!/^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[\w-]{1,64}(:(\$LATEST|[\w-]+))?$/.test(id)) return 'A LAMBDA target is a function ARN: arn:aws:lambda:REGION:ACCOUNT:function:NAME (with an optional version or alias).';
  return null;
}
