// RAM's errors as its model defines them (almost all HTTP 400, a body with `message` only),
// and how RAM spells the errors the framework raises (validation, authentication, throttling).
import { loadModel } from '@/lib/models/loader';
import { describeIssues, type ValidationIssue } from '@/lib/models';
import { ServiceError, restJsonAuthErrors } from '../../protocols/errors';
import type { ErrorDialect } from '../types';

const model = loadModel('ram');

/** A modeled RAM error, its HTTP status read from the model. */
export function ramError(code: string, message: string, retryAfterSeconds?: number): ServiceError {
  const status = model.shapes[code]?.error?.httpStatusCode ?? 400;
  return new ServiceError(code, message, status, {}, retryAfterSeconds);
}

export const malformedShareArn = (arn: string) =>
  ramError('MalformedArnException', `The specified resource share ARN ${arn} is not valid. Verify the ARN and try again.`);
export const malformedInvitationArn = (arn: string) =>
  ramError('MalformedArnException', `The specified resource share invitation ARN ${arn} is not valid. Verify the ARN and try again.`);
export const malformedResourceArn = (arn: string) =>
  ramError('MalformedArnException', `The specified resource ARN ${arn} is not valid. Verify the ARN and try again.`);
export const unknownShare = (arn: string) => ramError('UnknownResourceException', `ResourceShare ${arn} could not be found.`);
export const invitationNotFound = (arn: string) =>
  ramError('ResourceShareInvitationArnNotFoundException', `ResourceShareInvitation ${arn} could not be found.`);
export const invalidParameter = (message: string) => ramError('InvalidParameterException', message);
export const notPermitted = (message: string) => ramError('OperationNotPermittedException', message);
export const invalidNextToken = () => ramError('InvalidNextTokenException', 'The specified value for NextToken is not valid.');

export const ramErrorDialect: ErrorDialect = {
  validation(issues: ValidationIssue[]) {
    // RAM has no ValidationException: each kind of broken input is its own modeled exception,
    // with AWS's usual "Value … at '…' failed to satisfy constraint" sentence.
    if (issues.some((i) => i.rule === 'Member must not be null')) return ramError('MissingRequiredParameterException', describeIssues(issues));
    if (issues.some((i) => i.path === 'maxResults')) return ramError('InvalidMaxResultsException', describeIssues(issues));
    if (issues.some((i) => i.path === 'nextToken')) return ramError('InvalidNextTokenException', describeIssues(issues));
    return ramError('InvalidParameterException', describeIssues(issues));
  },
  cannotParse: (message) => ramError('InvalidParameterException', message),
  unknownOperation: (what) => new ServiceError('UnknownOperationException', `The operation ${what} is not supported.`, 404),
  throttling: () => ramError('ThrottlingException', 'Rate exceeded', 1),
  internal: () => ramError('ServerInternalException', 'The service could not respond to the request due to an internal problem.', 1),
  ...restJsonAuthErrors,
};
