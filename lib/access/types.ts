// The question "can this caller reach and call that service?" and its answer, as plain data.
// The shapes are the wire format of POST /api/access/evaluate, so the route returns an
// AccessDecision as it is.

/** Who calls: a VPC (id or ARN) and, when the request is SigV4-signed, the IAM principal's ARN. */
export interface AccessSource {
  /** VPC id (`vpc-…`) or ARN. */
  vpc: string;
  /**
   * The signing principal: a role ARN (`arn:aws:iam::A:role/R`), an assumed-role session ARN
   * (`arn:aws:sts::A:assumed-role/R/S`), a user ARN or an account root ARN. null = unsigned
   * (anonymous).
   */
  principal: string | null;
  /** Tags of the principal, for `aws:PrincipalTag/*` (read from IAM when Trellis reads it). */
  principalTags?: Record<string, string>;
  /** The principal's organization, for `aws:PrincipalOrgID`; derived from the estate when absent. */
  principalOrgId?: string;
}

/** What is called. */
export interface AccessTarget {
  /** Service id (`svc-…`) or ARN. */
  service: string;
  /** Listener port; absent = the service's only listener, or 443 / 80 by protocol. */
  port?: number;
  /** HTTP method, case-sensitive as Lattice matches it (GET, POST …). */
  method: string;
  /** Request path, starting with `/`. */
  path: string;
  headers?: Record<string, string>;
  query?: Record<string, string | string[]>;
}

export interface AccessRequest {
  source: AccessSource;
  target: AccessTarget;
}

/** `targetPolicy`: a Lambda target's function policy, which must let Lattice invoke it. */
export type AccessCheck = 'network' | 'serviceNetworkAuth' | 'serviceAuth' | 'identity' | 'routing' | 'targetPolicy';
export type StepResult = 'pass' | 'fail' | 'assumed';

export interface AccessStep {
  check: AccessCheck;
  result: StepResult;
  /** The ARN of the resource this step is about (association, network, service, rule, target group…). */
  resource: string;
  /** The deciding policy statement: its Sid, or its index as `#0`, `#1` … */
  statement?: string;
  /** One plain sentence. Readings of rules AWS has not settled say so here. */
  detail: string;
}

export interface RoutedTargetGroup {
  arn: string;
  weight: number;
  /** Fraction of the rule's traffic, 0–1 (weight / sum of weights). */
  share: number;
}

export interface AccessRoute {
  listener: string;
  rule: string;
  targetGroups: RoutedTargetGroup[];
}

export interface AccessDecision {
  decision: 'allow' | 'deny';
  /** The network path exists and every link on it is active. */
  reachable: boolean;
  /** Both auth steps and the identity step pass (identity may be `assumed`); null when the service is not reachable. */
  authorized: boolean | null;
  steps: AccessStep[];
  route?: AccessRoute;
  /**
   * The graph elements of the path taken (node and edge ids of the Topology), for the canvas
   * to light up; `failed` is the link that stopped the request, when there is one.
   */
  path?: { nodes: string[]; edges: string[]; failed?: string };
}
