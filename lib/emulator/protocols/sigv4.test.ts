import { GetCallerIdentityCommand, AssumeRoleCommand } from '@aws-sdk/client-sts';
import { DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { ListServiceNetworksCommand, ListTagsForResourceCommand, CreateServiceNetworkCommand } from '@aws-sdk/client-vpc-lattice';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LatticeLocal, startLatticeLocal } from '../index';
import { clientsFor, errorOf } from '@/lib/testing/clients';
import { accountOfEncodedKey, mintAccessKeyId } from '../services/sts/keys';
import { parseAuthorization } from './sigv4';
import { ensureRole } from '../test/support/identities';

let ll: LatticeLocal;
beforeAll(async () => {
  ll = await startLatticeLocal({ port: 0, activationDelayMs: 0 });
});
afterAll(() => ll.stop());

async function signedFetch(url: string, init: { method: string; path: string; body?: string; headers?: Record<string, string>; secret?: string; accessKeyId?: string; signingDate?: Date }) {
  const target = new URL(init.path, url);
  const signer = new SignatureV4({
    credentials: { accessKeyId: init.accessKeyId ?? '111111111111', secretAccessKey: init.secret ?? 'test' },
    region: 'us-east-1',
    service: 'vpc-lattice',
    sha256: Hash.bind(null, 'sha256'),
  });
  const signed = await signer.sign({
    method: init.method,
    protocol: 'http:',
    hostname: target.hostname,
    port: Number(target.port),
    path: target.pathname,
    query: Object.fromEntries(target.searchParams),
    headers: { host: target.host, 'content-type': 'application/json', ...init.headers },
    body: init.body,
  }, { signingDate: init.signingDate });
  return { signed, target };
}

describe('SigV4', () => {
  it('parses the Authorization header', () => {
    expect(
      parseAuthorization('AWS4-HMAC-SHA256 Credential=111111111111/20250102/us-east-1/vpc-lattice/aws4_request, SignedHeaders=host;x-amz-date, Signature=' + 'a'.repeat(64)),
    ).toEqual({ accessKeyId: '111111111111', shortDate: '20250102', region: 'us-east-1', service: 'vpc-lattice', signedHeaders: ['host', 'x-amz-date'], signature: 'a'.repeat(64) });
    expect(parseAuthorization('Bearer x')).toBeUndefined();
  });

  it('encodes and decodes the account in AKIA/ASIA key ids as AWS does', () => {
    expect(accountOfEncodedKey('AKIARZPUZDIKGB2VALC4')).toBe('123456789012');
    const key = mintAccessKeyId('444455556666');
    expect(key).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(accountOfEncodedKey(key)).toBe('444455556666');
  });

  it('accepts requests the SDK signs, including ARN labels in the path and query lists', async () => {
    const { lattice } = clientsFor(ll.url, '111111111111');
    const sn = await lattice.send(new CreateServiceNetworkCommand({ name: 'signed', tags: { 'a b': 'c/d' } }));
    expect((await lattice.send(new ListTagsForResourceCommand({ resourceArn: sn.arn! }))).tags).toEqual({ 'a b': 'c/d' });
  });

  it('refuses a wrong secret per protocol: InvalidSignatureException, SignatureDoesNotMatch', async () => {
    const wrong = clientsFor(ll.url, { accessKeyId: '111111111111', secretAccessKey: 'nope' });
    const lattice = await errorOf(wrong.lattice.send(new ListServiceNetworksCommand({})));
    expect([lattice.name, lattice.$metadata?.httpStatusCode]).toEqual(['InvalidSignatureException', 403]);
    expect((await errorOf(wrong.sts.send(new GetCallerIdentityCommand({})))).name).toBe('SignatureDoesNotMatch');
    expect((await errorOf(wrong.ec2.send(new DescribeVpcsCommand({})))).name).toBe('SignatureDoesNotMatch');
  });

  it('refuses a body changed after signing', async () => {
    const { signed, target } = await signedFetch(ll.url, { method: 'POST', path: '/servicenetworks', body: JSON.stringify({ name: 'signed-body' }) });
    const response = await fetch(target, { method: 'POST', headers: signed.headers, body: JSON.stringify({ name: 'tampered-body' }) });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
    const ok = await fetch(target, { method: 'POST', headers: signed.headers, body: JSON.stringify({ name: 'signed-body' }) });
    expect(ok.status).toBe(201);
  });

  it('refuses a signature more than 15 minutes old', async () => {
    const { signed, target } = await signedFetch(ll.url, { method: 'GET', path: '/servicenetworks', signingDate: new Date(Date.now() - 20 * 60_000) });
    const response = await fetch(target, { headers: signed.headers });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
    expect((await response.json()).message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than/);
  });

  it('refuses unknown keys and unsigned requests', async () => {
    const unknown = clientsFor(ll.url, { accessKeyId: 'AKIDNOTAKEY', secretAccessKey: 'test' });
    expect((await errorOf(unknown.lattice.send(new ListServiceNetworksCommand({})))).name).toBe('UnrecognizedClientException');
    expect((await errorOf(unknown.sts.send(new GetCallerIdentityCommand({})))).name).toBe('InvalidClientTokenId');
    expect((await errorOf(unknown.ec2.send(new DescribeVpcsCommand({})))).name).toBe('AuthFailure');
    const unsigned = await fetch(`${ll.url}/servicenetworks`);
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    expect(unsigned.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('accepts an encoded AKIA key for its account', async () => {
    const { sts } = clientsFor(ll.url, { accessKeyId: 'AKIARZPUZDIKGB2VALC4', secretAccessKey: 'test' });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe('123456789012');
  });

  it('checks session tokens and their expiry', async () => {
    const { sts } = clientsFor(ll.url, '111111111111');
    await ensureRole(ll.context, '222222222222', 'reader', '111111111111');
    const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::222222222222:role/reader', RoleSessionName: 'probe', DurationSeconds: 900 }));
    const creds = { accessKeyId: assumed.Credentials!.AccessKeyId!, secretAccessKey: assumed.Credentials!.SecretAccessKey!, sessionToken: assumed.Credentials!.SessionToken! };
    expect((await clientsFor(ll.url, creds).sts.send(new GetCallerIdentityCommand({}))).Account).toBe('222222222222');
    const badToken = clientsFor(ll.url, { ...creds, sessionToken: 'forged' });
    expect((await errorOf(badToken.lattice.send(new ListServiceNetworksCommand({})))).name).toBe('UnrecognizedClientException');
    const session = ll.store.get(`sts-session/${creds.accessKeyId}`)!;
    ll.store.put({ ...session, expiration: Date.now() - 1000 });
    const expired = clientsFor(ll.url, creds);
    expect((await errorOf(expired.lattice.send(new ListServiceNetworksCommand({})))).name).toBe('ExpiredTokenException');
    expect((await errorOf(expired.sts.send(new GetCallerIdentityCommand({})))).name).toBe('ExpiredToken');
    expect((await errorOf(expired.ec2.send(new DescribeVpcsCommand({})))).name).toBe('RequestExpired');
  });
});
