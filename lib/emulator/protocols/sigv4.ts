// SigV4 verification: recompute the signature of the request as received with the caller's
// secret (via @smithy/signature-v4, the SDK's own signer) and compare.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';

export interface ParsedAuthorization {
  accessKeyId: string;
  shortDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const AUTH_PATTERN =
  /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-f]{64})\s*$/;

/** The parts of an `Authorization: AWS4-HMAC-SHA256 …` header, or undefined when it is not one. */
export function parseAuthorization(header: string | undefined): ParsedAuthorization | undefined {
  if (!header) return undefined;
  const m = AUTH_PATTERN.exec(header.trim());
  if (!m) return undefined;
  return {
    accessKeyId: m[1]!,
    shortDate: m[2]!,
    region: m[3]!,
    service: m[4]!,
    signedHeaders: m[5]!.split(';'),
    signature: m[6]!,
  };
}

/** `20240102T030405Z` → Date, or undefined. */
export function parseAmzDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (m) return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t);
}

export interface ReceivedRequest {
  method: string;
  /** The path exactly as received (still percent-encoded). */
  rawPath: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** True when the request's signature is the one `secret` produces. */
export async function signatureMatches(
  request: ReceivedRequest,
  auth: ParsedAuthorization,
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
  options: { unsignedPayload?: boolean } = {},
): Promise<boolean> {
  const signedSet = new Set(auth.signedHeaders);
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const value = request.headers[name];
    if (value === undefined) return false;
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  // A declared payload hash must be the body's (the signer would otherwise trust the header),
  // unless the caller accepts UNSIGNED-PAYLOAD (Lattice's data plane requires it).
  const declared = headers['x-amz-content-sha256'];
  if (declared !== undefined && !(options.unsignedPayload && declared === 'UNSIGNED-PAYLOAD') && declared !== createHash('sha256').update(request.body).digest('hex')) return false;
  const date = parseAmzDate(headers['x-amz-date'] ?? (request.headers['x-amz-date'] as string | undefined) ?? headers['date']);
  if (!date) return false;

  const query: Record<string, string | string[]> = {};
  for (const [k, v] of request.query) {
    const existing = query[k];
    if (existing === undefined) query[k] = v;
    else query[k] = Array.isArray(existing) ? [...existing, v] : [existing, v];
  }

  const signer = new SignatureV4({
    credentials,
    region: auth.region,
    service: auth.service,
    sha256: Hash.bind(null, 'sha256'),
    uriEscapePath: true,
    applyChecksum: false,
  });
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: 'http:',
      hostname: 'localhost',
      path: request.rawPath,
      query,
      headers,
      body: request.body.length > 0 ? request.body : undefined,
    },
    { signingDate: date, signingRegion: auth.region, signingService: auth.service, signableHeaders: signedSet },
  );
  const produced = /Signature=([0-9a-f]{64})/.exec(String(signed.headers['authorization']))?.[1];
  const producedHeaders = /SignedHeaders=([^,\s]+)/.exec(String(signed.headers['authorization']))?.[1];
  if (!produced || producedHeaders !== auth.signedHeaders.join(';')) return false;
  return timingSafeEqual(Buffer.from(produced), Buffer.from(auth.signature));
}
