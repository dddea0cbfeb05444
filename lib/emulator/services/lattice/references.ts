// What Lattice resources point at outside Lattice must exist: a CloudWatch Logs destination of
// an access-log subscription, and a Lambda function registered as a LAMBDA target.
//
// Sources and readings (AWS documents neither error):
// - An access-log subscription accepts a log group ARN with or without the trailing `:*` and
//   reports it with `:*` (hashicorp/terraform-provider-aws#31595: created with
//   `…:log-group:/aws/vpclattice/service-network-logs`, read back with `…:*`; #32186 then made
//   the provider expect the suffix). A destination that does not exist is refused with
//   ResourceNotFoundException naming the destination: a reading of the API reference's
//   "The request references a resource that does not exist", not an observed answer.
// - RegisterTargets reports per target in `unsuccessful` rather than failing the call (the
//   API's contract); a LAMBDA target that is not an existing function gets failureCode
//   `InvalidTargetId`, as lattice-local already answers for a malformed id: a reading too.
import { notFound } from '../../protocols/errors';
import type { Store } from '../../store/index';
import { functionByArn } from '../lambda/index';
import { logGroupByArn } from '../logs/index';

const LOG_GROUP_ARN = /^arn:aws[a-z-]*:logs:[a-z0-9-]+:\d{12}:log-group:[^:]+(:\*)?$/;

/**
 * The destination as Lattice stores it: a CloudWatch Logs log group ARN gains `:*`; throws
 * ResourceNotFoundException when the log group does not exist. S3 buckets and Firehose streams
 * are not emulated and are taken as given.
 */
export function checkedDestination(store: Store, arn: string): string {
  if (!arn.startsWith('arn:') || !/^arn:[^:]+:logs:/.test(arn)) return arn;
  if (!LOG_GROUP_ARN.test(arn) || !logGroupByArn(store, arn)) {
    throw notFound(arn, 'LOG_GROUP', `The CloudWatch Logs log group ${arn.replace(/:\*$/, '')} does not exist.`);
  }
  return arn.endsWith(':*') ? arn : `${arn}:*`;
}

/** Why a LAMBDA target cannot be registered, or undefined when the function exists. */
export function missingFunction(store: Store, id: string): { failureCode: string; failureMessage: string } | undefined {
  if (functionByArn(store, id)) return undefined;
  return { failureCode: 'InvalidTargetId', failureMessage: `The Lambda function ${id} does not exist.` };
}
