// SigV4A verification: the key derived from a secret is the one AWS's signers derive (the test
// suite's credentials give the public key every AWS SDK's SigV4A tests pin, e.g. aws-sdk-java-v2's
// and aws-crt-nodejs's), and what the SDK's own SigV4A signer, @smithy/signature-v4a, signs verifies.
import { Hash } from '@smithy/hash-node';
import { SignatureV4a } from '@smithy/signature-v4a';
import { describe, expect, it } from 'vitest';
import { parseSigV4aAuthorization, regionSetIncludes, sigV4aPublicKey, sigV4aSignatureMatches } from './sigv4a';

const received = (headers: Record<string, string>, rawPath = '/', query = '') => ({ method: 'GET', rawPath, query: new URLSearchParams(query), headers, body: Buffer.alloc(0) });

async function signed(credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, regionSet: string, path: string, query: Record<string, string | string[]>) {
  const signer = new SignatureV4a({ credentials, region: regionSet, service: 'vpc-lattice-svcs', sha256: Hash.bind(null, 'sha256') });
  const request = await signer.sign({ method: 'GET', protocol: 'http:', hostname: 'svc.example', path, query, headers: { host: 'svc.example', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } }, {});
  const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
  return { headers, auth: parseSigV4aAuthorization(headers.authorization)! };
}

describe('SigV4A verification', () => {
  it('derives the P-256 key AWS\'s signers derive from the test suite\'s credentials', () => {
    const jwk = sigV4aPublicKey('AKIDEXAMPLE', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY').export({ format: 'jwk' });
    expect(Buffer.from(jwk.x!, 'base64url').toString('hex')).toBe('b6618f6a65740a99e650b33b6b4b5bd0d43b176d721a3edfea7e7d2d56d936b1');
    expect(Buffer.from(jwk.y!, 'base64url').toString('hex')).toBe('865ed22a7eadc9c5cb9d2cbaca1b3699139fedc5043dc6661864218330c8e518');
  });

  it('verifies what @smithy/signature-v4a signs, with a session token and a query, and nothing changed from it', async () => {
    const credentials = { accessKeyId: 'ASIAEXAMPLEKEY000001', secretAccessKey: 'c2VjcmV0LWtleS1mb3ItdGhlLXRlc3Q', sessionToken: 'session-token' };
    const { headers, auth } = await signed(credentials, 'us-east-1,eu-west-1', '/orders/a%20b', { id: '7', tag: ['x', 'y'] });
    expect(auth).toMatchObject({ accessKeyId: credentials.accessKeyId, service: 'vpc-lattice-svcs', signedHeaders: ['host', 'x-amz-content-sha256', 'x-amz-date', 'x-amz-region-set', 'x-amz-security-token'] });
    expect(await sigV4aSignatureMatches(received(headers, '/orders/a%20b', 'id=7&tag=x&tag=y'), auth, credentials)).toBe(true);
    expect(await sigV4aSignatureMatches(received(headers, '/orders/a%20b', 'id=8&tag=x&tag=y'), auth, credentials)).toBe(false);
    expect(await sigV4aSignatureMatches(received(headers, '/orders/a%20c', 'id=7&tag=x&tag=y'), auth, credentials)).toBe(false);
    expect(await sigV4aSignatureMatches(received({ ...headers, 'x-amz-region-set': '*' }, '/orders/a%20b', 'id=7&tag=x&tag=y'), auth, credentials)).toBe(false);
    expect(await sigV4aSignatureMatches(received(headers, '/orders/a%20b', 'id=7&tag=x&tag=y'), auth, { ...credentials, secretAccessKey: `${credentials.secretAccessKey}x` })).toBe(false);
    expect(await sigV4aSignatureMatches(received(headers, '/orders/a%20b', 'id=7&tag=x&tag=y'), { ...auth, signature: '3006020101020101' }, credentials)).toBe(false);
    // A header the signature covers is missing.
    const { 'x-amz-security-token': _token, ...withoutToken } = headers;
    expect(await sigV4aSignatureMatches(received(withoutToken, '/orders/a%20b', 'id=7&tag=x&tag=y'), auth, credentials)).toBe(false);
  });

  it('reads region sets with wildcards', () => {
    expect(regionSetIncludes('us-east-1', 'us-east-1')).toBe(true);
    expect(regionSetIncludes('eu-west-1, us-east-1', 'us-east-1')).toBe(true);
    expect(regionSetIncludes('us-*', 'us-east-1')).toBe(true);
    expect(regionSetIncludes('*', 'ap-south-1')).toBe(true);
    expect(regionSetIncludes('us-east-2', 'us-east-1')).toBe(false);
    expect(regionSetIncludes('eu-*', 'us-east-1')).toBe(false);
    expect(regionSetIncludes('', 'us-east-1')).toBe(false);
  });
});
