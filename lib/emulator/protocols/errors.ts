// Errors as the services return them, and how each wire protocol writes one.
import { describeIssues, type ValidationIssue } from '@/lib/models';

/** An error a handler throws; the protocol writes it the way the SDK reads it. */
export class ServiceError extends Error {
  constructor(
    /** The error code: the model's shape name (REST-JSON) or `error.code` (query). */
    readonly code: string,
    message: string,
    /** HTTP status, from the model's `httpStatusCode` where the error is modeled. */
    readonly status: number,
    /** Modeled members written beside `message` (resourceId, fieldList, quotaCode…). */
    readonly fields: Record<string, unknown> = {},
    /** Seconds for the `Retry-After` header. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = code;
  }

  get senderFault(): boolean {
    return this.status < 500;
  }
}

export const isServiceError = (error: unknown): error is ServiceError => error instanceof ServiceError;

// ---- VPC Lattice errors (vpc-lattice.service.json) -------------------------------------------

export function validationError(
  message: string,
  fieldList?: { name: string; message: string }[],
  reason: 'unknownOperation' | 'cannotParse' | 'fieldValidationFailed' | 'other' = 'fieldValidationFailed',
): ServiceError {
  return new ServiceError('ValidationException', message, 400, fieldList ? { reason, fieldList } : { reason });
}

/** A Lattice ValidationException listing every issue the model validator found. */
export function validationFromIssues(issues: ValidationIssue[]): ServiceError {
  const reason = issues.some((i) => i.kind === 'type') ? 'cannotParse' : 'fieldValidationFailed';
  return validationError(
    describeIssues(issues),
    issues.map((i) => ({ name: i.path, message: i.rule })),
    reason,
  );
}

export function notFound(resourceId: string, resourceType: string, message?: string): ServiceError {
  return new ServiceError(
    'ResourceNotFoundException',
    message ?? `${resourceType} with identifier ${resourceId} not found`,
    404,
    { resourceId, resourceType },
  );
}

export function conflict(resourceId: string, resourceType: string, message: string): ServiceError {
  return new ServiceError('ConflictException', message, 409, { resourceId, resourceType });
}

export function quotaExceeded(resourceType: string, quotaCode: string, message: string, resourceId?: string): ServiceError {
  return new ServiceError('ServiceQuotaExceededException', message, 402, {
    resourceType,
    serviceCode: 'vpc-lattice',
    quotaCode,
    ...(resourceId ? { resourceId } : {}),
  });
}

export function accessDenied(message: string): ServiceError {
  return new ServiceError('AccessDeniedException', message, 403);
}

export function throttled(serviceCode: string): ServiceError {
  return new ServiceError('ThrottlingException', 'Rate exceeded', 429, { serviceCode }, 1);
}

export function internalError(): ServiceError {
  return new ServiceError('InternalServerException', 'An internal error occurred. Retry your request.', 500, {}, 1);
}

// ---- Authentication errors of REST-JSON services (Lattice, RAM) -----------------------------

export const restJsonAuthErrors = {
  missingAuthentication: () => new ServiceError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403),
  unrecognizedClient: () =>
    new ServiceError('UnrecognizedClientException', 'The security token included in the request is invalid.', 403),
  invalidSignature: (message?: string) =>
    new ServiceError(
      'InvalidSignatureException',
      message ??
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      403,
    ),
  expiredToken: () => new ServiceError('ExpiredTokenException', 'The security token included in the request is expired', 403),
};

// ---- Wire forms --------------------------------------------------------------------------------

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function xmlEscape(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** REST-JSON: status, `x-amzn-errortype`, body `{message, …modeled members}`, `Retry-After`. */
export function writeRestJsonError(error: ServiceError, requestId: string): WireResponse {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-amzn-errortype': error.code,
    'x-amzn-requestid': requestId,
  };
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
  return { status: error.status, headers, body: JSON.stringify({ message: error.message, ...error.fields }) };
}

/** EC2 query protocol: `<Response><Errors><Error>…</Error></Errors><RequestID>…`. */
export function writeEc2Error(error: ServiceError, requestId: string): WireResponse {
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${xmlEscape(error.code)}</Code>` +
    `<Message>${xmlEscape(error.message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`;
  const headers: Record<string, string> = { 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-requestid': requestId };
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
  return { status: error.status, headers, body };
}

/** AWS query protocol (STS): `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>`. */
export function writeQueryError(error: ServiceError, requestId: string, xmlNamespace: string): WireResponse {
  const body =
    `<ErrorResponse xmlns="${xmlNamespace}"><Error><Type>${error.senderFault ? 'Sender' : 'Receiver'}</Type>` +
    `<Code>${xmlEscape(error.code)}</Code><Message>${xmlEscape(error.message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`;
  const headers: Record<string, string> = { 'content-type': 'text/xml', 'x-amzn-requestid': requestId };
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
  return { status: error.status, headers, body };
}
