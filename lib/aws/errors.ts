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

const NETWORK_HINTS: Record<string, (where: string) => string> = {
  ECONNREFUSED: (where) => `${where} refused the connection; is it running?`,
  ENOTFOUND: (where) => `${where} could not be found (no such host name); check the endpoint and this machine's DNS`,
  EAI_AGAIN: (where) => `${where} could not be looked up (DNS did not answer); check this machine's network`,
  ETIMEDOUT: (where) => `${where} did not answer in time; check the network between this machine and it`,
  ECONNRESET: (where) => `${where} closed the connection in the middle of a request`,
  EHOSTUNREACH: (where) => `${where} cannot be reached from this machine (no route to it)`,
  TimeoutError: (where) => `${where} did not answer in time`,
};

/** What the credentials' failures mean, in words; the code stays in `code`. */
const CREDENTIAL_HINTS: Record<string, string> = {
  ExpiredToken: 'The credentials have expired; renew them (sign in to AWS again) and refresh',
  ExpiredTokenException: 'The credentials have expired; renew them (sign in to AWS again) and refresh',
  RequestExpired: 'The request expired before AWS received it; check this machine\'s clock',
  InvalidClientTokenId: 'AWS does not recognise the access key; check the credentials',
  UnrecognizedClientException: 'AWS does not recognise the access key; check the credentials',
  SignatureDoesNotMatch: 'AWS rejected the request signature; check the secret access key',
};

export interface Endpoint {
  /** host:port the SDK was sent to. */
  address: string;
  /** What listens there, as people call it: "lattice-local", "AWS". */
  name: string;
}

/**
 * The endpoint a network failure was on, named: the configured AWS_ENDPOINT_URL is
 * lattice-local in demo mode (`npm start`), "the endpoint" otherwise; anything else is AWS.
 */
export function endpointOf(address: string | undefined, port: number | undefined, env: Record<string, string | undefined> = process.env): Endpoint | null {
  if (!address) return null;
  const hostPort = port ? `${address}:${port}` : address;
  const configured = env.AWS_ENDPOINT_URL;
  if (configured) {
    try {
      const url = new URL(configured);
      const configuredPort = url.port || (url.protocol === 'https:' ? '443' : '80');
      if (!port || String(port) === configuredPort) return { address: hostPort, name: env.TRELLIS_DEMO === '1' || env.TRELLIS_DEMO === 'true' ? 'lattice-local' : 'the endpoint' };
    } catch {
      // An unparsable endpoint variable: fall through to a plain address.
    }
  }
  return { address: hostPort, name: 'AWS' };
}

/** The plain sentence for a network failure: who refused or did not answer, and what to check. */
export function networkMessage(code: string, endpoint: Endpoint | null): string {
  const where = endpoint ? `${endpoint.name} at ${endpoint.address}` : 'The endpoint';
  return NETWORK_HINTS[code]!(where);
}

export function describeAwsError(err: unknown): AwsErrorInfo {
  if (typeof err !== 'object' || err === null) return { code: 'Error', message: String(err), throttled: false };
  const e = err as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number; attempts?: number }; Code?: string; cause?: unknown; errors?: unknown[]; address?: string; port?: number; hostname?: string };
  const status = e.$metadata?.httpStatusCode;
  const networkCode = e.code && NETWORK_HINTS[e.code] ? e.code : e.name && NETWORK_HINTS[e.name] ? e.name : undefined;
  if (networkCode && !status) {
    return { code: networkCode, message: networkMessage(networkCode, endpointOf(e.address ?? e.hostname, e.port)), throttled: false };
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
  const throttled = THROTTLING.has(code) || status === 429;
  const attempts = e.$metadata?.attempts;
  let text = `${code}: ${message}`;
  if (CREDENTIAL_HINTS[code]) text = `${CREDENTIAL_HINTS[code]} (${code}).`;
  else if (throttled) text = `AWS kept throttling the calls${attempts && attempts > 1 ? ` through ${attempts} attempts` : ''} (${code}); try again in a minute, or read fewer accounts at once.`;
  const info: AwsErrorInfo = { code, message: text, throttled };
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
