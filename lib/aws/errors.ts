// AWS failures as people read them: the error code AWS sent and its message, or what went
// wrong on the way there, never a stack trace.

export interface AwsErrorInfo {
  /** AWS's error name (AccessDenied, ThrottlingException…) or a network code (ECONNREFUSED). */
  code: string;
  /** One line for a person. */
  message: string;
  /** HTTP status when AWS answered. */
  status?: number;
  throttled: boolean;
}

const THROTTLING = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded', 'SlowDown', 'RequestThrottled', 'RequestThrottledException']);

const NETWORK_HINTS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  ETIMEDOUT: 'connection timed out',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  TimeoutError: 'request timed out',
};

export function describeAwsError(err: unknown): AwsErrorInfo {
  if (typeof err !== 'object' || err === null) return { code: 'Error', message: String(err), throttled: false };
  const e = err as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number }; Code?: string; cause?: unknown; errors?: unknown[] };
  const status = e.$metadata?.httpStatusCode;
  const networkCode = e.code && NETWORK_HINTS[e.code] ? e.code : e.name && NETWORK_HINTS[e.name] ? e.name : undefined;
  if (networkCode && !status) {
    const detail = firstLine(e.message) || NETWORK_HINTS[networkCode];
    return { code: networkCode, message: `${networkCode}: ${detail}`, throttled: false };
  }
  // Node's fetch and AggregateError hide the socket error one level down.
  if (!status && e.cause) {
    const inner = describeAwsError(e.cause);
    if (NETWORK_HINTS[inner.code]) return inner;
  }
  if (!status && Array.isArray(e.errors) && e.errors.length) {
    const inner = describeAwsError(e.errors[0]);
    if (NETWORK_HINTS[inner.code]) return inner;
  }
  const code = e.Code ?? (e.name && e.name !== 'Error' ? e.name : undefined) ?? e.code ?? 'Error';
  let message = firstLine(e.message);
  // The SDK says "UnknownError" when the body could not be parsed; the status is more useful.
  if (!message || message === 'UnknownError') message = status ? `HTTP ${status} with no readable error body` : 'unknown error';
  const info: AwsErrorInfo = { code, message: `${code}: ${message}`, throttled: THROTTLING.has(code) || status === 429 };
  if (status) info.status = status;
  return info;
}

function firstLine(text: string | undefined): string {
  return (text ?? '').split('\n')[0].trim().slice(0, 500);
}

export function isAccessDenied(info: AwsErrorInfo): boolean {
  return /AccessDenied|UnauthorizedOperation|AuthFailure|InvalidClientTokenId|UnrecognizedClient|ExpiredToken|SignatureDoesNotMatch/.test(info.code);
}

export function isNotFound(info: AwsErrorInfo): boolean {
  return info.code === 'ResourceNotFoundException' || info.code === 'NotFoundException' || info.status === 404;
}
