// Access analysis: "can A call B?", answered from a Topology (live, or a design's desired
// state) and explained step by step. Pure TypeScript: no React, Next, SDK or DB.
export type * from './types';
export { evaluateAccess, type EvaluateOptions } from './evaluate';
export { validateAccessRequest, AccessInputError, accessRequestShape, REQUEST_RULES } from './request';
export { evaluatePolicy, callerFromArn, arnMatch, globMatch, type PolicyEvaluation, type PolicyOutcome, type CallerIdentity } from './policy';
export { desiredTopology } from './desired';
export { targetTakesTraffic } from './routing';
export { lintAuthPolicy, type PolicyIssue } from './lint';
export { accessMatrix, matrixCsv, cellOfDecision, type AccessMatrix, type MatrixCell, type MatrixQuery, type MatrixFilters, type MatrixVerdict, type MatrixAxis } from './matrix';
export { principalsInPolicies, principalsInPolicy, type NamedPrincipal } from './principals';
export { accessDiff, summarizeAccessDiff, type AccessDiff, type AccessDiffOptions, type AccessPairRef, type PrincipalAccessChange } from './diff';
