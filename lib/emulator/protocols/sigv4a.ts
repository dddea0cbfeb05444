// SigV4A verification (`AWS4-ECDSA-P256-SHA256`): the caller signs the string to sign with an
// ECDSA P-256 key derived from its secret, so the verifier derives the same private key, takes
// its public key and checks the signature (ECDSA signatures are randomized: recomputing and
// comparing, as for SigV4, cannot work). The canonical request and string to sign are built by
// @smithy/signature-v4's own code, as the SDK's SigV4A signer builds them.
import { createECDH, createHmac, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import { ALGORITHM_IDENTIFIER_V4A, getCanonicalHeaders, getPayloadHash, SignatureV4Base } from '@smithy/signature-v4';
import type { ReceivedRequest } from './sigv4';

export const SIGV4A_ALGORITHM = ALGORITHM_IDENTIFIER_V4A;

export interface ParsedSigV4aAuthorization {
  accessKeyId: string;
  shortDate: string;
  service: string;
  signedHeaders: string[];
  /** The DER-encoded ECDSA signature, hex. */
  signature: string;
}

// The credential scope of SigV4A has no Region: date/service/aws4_request.
const AUTH_PATTERN = /^AWS4-ECDSA-P256-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/aws4_request\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=((?:[0-9a-f]{2}){8,80})\s*$/;

/** The parts of an `Authorization: AWS4-ECDSA-P256-SHA256 …` header, or undefined when it is not one. */
export function parseSigV4aAuthorization(header: string | undefined): ParsedSigV4aAuthorization | undefined {
  const m = header ? AUTH_PATTERN.exec(header.trim()) : null;
  if (!m) return undefined;
  return { accessKeyId: m[1]!, shortDate: m[2]!, service: m[3]!, signedHeaders: m[4]!.split(';'), signature: m[5]! };
}

/** True when a region set (`X-Amz-Region-Set`: comma-separated names, `*` wildcards) includes the Region. */
export function regionSetIncludes(regionSet: string, region: string): boolean {
  return regionSet
    .split(',')
    .map((r) => r.trim())
    .some((pattern) => pattern !== '' && new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\-]/g, '\\$&')).join('.*')}$`).test(region));
}

// n − 2 for P-256: a candidate key above it is discarded and the next counter tried.
const N_MINUS_TWO = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc63254f');
const publicKeys = new Map<string, KeyObject>();

/**
 * The P-256 public key of a credential, per SigV4A's key derivation (NIST SP 800-108 counter mode
 * with HMAC-SHA256 keyed by "AWS4A" + secret, label the algorithm name, context the access key
 * id): the first candidate c with c ≤ n − 2 gives the private key c + 1.
 */
export function sigV4aPublicKey(accessKeyId: string, secretAccessKey: string): KeyObject {
  const cacheKey = `${accessKeyId}\u0000${secretAccessKey}`;
  const cached = publicKeys.get(cacheKey);
  if (cached) return cached;
  for (let counter = 1; counter < 255; counter++) {
    const fixedInput = Buffer.concat([Buffer.from([0, 0, 0, 1]), Buffer.from(SIGV4A_ALGORITHM, 'latin1'), Buffer.from([0]), Buffer.from(accessKeyId, 'latin1'), Buffer.from([counter]), Buffer.from([0, 0, 1, 0])]);
    const candidate = BigInt(`0x${createHmac('sha256', Buffer.from(`AWS4A${secretAccessKey}`, 'latin1')).update(fixedInput).digest('hex')}`);
    if (candidate > N_MINUS_TWO) continue;
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from((candidate + BigInt(1)).toString(16).padStart(64, '0'), 'hex'));
    const point = ecdh.getPublicKey();
    const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33, 65).toString('base64url') }, format: 'jwk' });
    if (publicKeys.size > 1000) publicKeys.clear();
    publicKeys.set(cacheKey, key);
    return key;
  }
  throw new Error('Cannot derive a SigV4A key from these credentials.');
}

type HttpRequest = Parameters<typeof getCanonicalHeaders>[0];

/** The SDK's canonical request and string to sign, reached through its signer's base class. */
class StringToSign extends SignatureV4Base {
  constructor() {
    super({ credentials: { accessKeyId: '-', secretAccessKey: '-' }, region: '*', service: '-', sha256: Hash.bind(null, 'sha256'), uriEscapePath: true, applyChecksum: false });
  }

  async of(request: HttpRequest, signedHeaders: Set<string>, longDate: string, scope: string): Promise<{ stringToSign: string; headerList: string }> {
    // As received: no prepareRequest, which drops the generated headers (X-Amz-Date) a signer adds.
    const canonicalHeaders = getCanonicalHeaders(request, undefined, signedHeaders);
    const payloadHash = await getPayloadHash(request, this.sha256);
    const canonicalRequest = this.createCanonicalRequest(request, canonicalHeaders, payloadHash);
    return { stringToSign: await this.createStringToSign(longDate, scope, canonicalRequest, SIGV4A_ALGORITHM), headerList: this.getCanonicalHeaderList(canonicalHeaders) };
  }
}
const builder = new StringToSign();

/** True when the request's SigV4A signature verifies with the public key of `secretAccessKey`. */
export async function sigV4aSignatureMatches(request: ReceivedRequest, auth: ParsedSigV4aAuthorization, credentials: { accessKeyId: string; secretAccessKey: string }): Promise<boolean> {
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const value = request.headers[name];
    if (value === undefined) return false;
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const longDate = headers['x-amz-date'];
  if (!longDate) return false;
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of request.query) {
    const existing = query[k];
    query[k] = existing === undefined ? v : Array.isArray(existing) ? [...existing, v] : [existing, v];
  }
  const { stringToSign, headerList } = await builder.of(
    { method: request.method, protocol: 'http:', hostname: 'localhost', path: request.rawPath, query, headers, body: undefined } as HttpRequest,
    new Set(auth.signedHeaders),
    longDate,
    `${auth.shortDate}/${auth.service}/aws4_request`,
  );
  if (headerList !== auth.signedHeaders.join(';')) return false;
  try {
    return verify('sha256', Buffer.from(stringToSign, 'utf8'), { key: sigV4aPublicKey(credentials.accessKeyId, credentials.secretAccessKey), dsaEncoding: 'der' }, Buffer.from(auth.signature, 'hex'));
  } catch {
    // A signature that is not DER at all.
    return false;
  }
}
