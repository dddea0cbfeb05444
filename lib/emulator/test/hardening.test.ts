// Issue 12, point 14: lattice-local refuses credential scopes that disagree with X-Amz-Date or
// name an unknown region, answers 413 to oversized bodies, 400 to JSON nested too deep, and
// takes admin POSTs only as JSON with its custom header (a web page can send neither unasked).
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LatticeLocal, startLatticeLocal } from '../index';
import { LOCAL_ADMIN_HEADERS, MAX_BODY_BYTES } from '../protocols/limits';

let ll: LatticeLocal;
beforeAll(async () => {
  ll = await startLatticeLocal({ port: 0, activationDelayMs: 0, seed: 'empty', logLevel: 'silent' });
});
afterAll(() => ll.stop());

async function signed(path: string, options: { method?: string; body?: string; region?: string; edit?: (headers: Record<string, string>) => void } = {}) {
  const target = new URL(path, ll.url);
  const signer = new SignatureV4({ credentials: { accessKeyId: '111111111111', secretAccessKey: 'test' }, region: options.region ?? 'us-east-1', service: 'vpc-lattice', sha256: Hash.bind(null, 'sha256') });
  const request = await signer.sign({
    method: options.method ?? 'GET',
    protocol: 'http:',
    hostname: target.hostname,
    port: Number(target.port),
    path: target.pathname,
    query: Object.fromEntries(target.searchParams),
    headers: { host: target.host, 'content-type': 'application/json' },
    body: options.body,
  });
  const headers = { ...(request.headers as Record<string, string>) };
  options.edit?.(headers);
  delete headers.host;
  return fetch(target, { method: request.method, headers, body: options.body });
}

describe('lattice-local hardening', () => {
  it('a valid signature is accepted (the baseline)', async () => {
    expect((await signed('/servicenetworks')).status).toBe(200);
  });

  it('refuses a credential scope dated another day than X-Amz-Date', async () => {
    const res = await signed('/servicenetworks', {
      edit: (h) => {
        const day = h['x-amz-date'].slice(0, 8);
        const other = `${Number(day.slice(0, 4)) - 1}${day.slice(4)}`;
        h.authorization = h.authorization.replace(`/${day}/`, `/${other}/`);
      },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('x-amzn-errortype')).toMatch(/InvalidSignatureException/);
    expect((await res.json()).message).toMatch(/Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP/);
  });

  it('refuses a region AWS does not have', async () => {
    const res = await signed('/servicenetworks', { region: 'xx-evil-1' });
    expect(res.status).toBe(403);
    expect((await res.json()).message).toMatch(/Credential should be scoped to a valid region, not 'xx-evil-1'/);
  });

  it('answers 413 to a 20 MB body instead of resetting the connection', async () => {
    const res = await fetch(new URL('/servicenetworks', ll.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(20 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect((await res.json()).message).toContain(String(MAX_BODY_BYTES));
  });

  it('answers 400, not 500, to JSON nested past the limit', async () => {
    const deep = `{"name":"deep-net","tags":{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`;
    const res = await signed('/servicenetworks', { method: 'POST', body: deep });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toMatch(/SerializationException|ValidationException/);
  });

  it('takes admin POSTs only as JSON with the custom header', async () => {
    const url = new URL('/_local/faults', ll.url);
    // What a web page can send without a preflight: text/plain, no custom header.
    const page = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ errorRate: 1 }) });
    expect(page.status).toBe(403);
    const noHeader = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ errorRate: 1 }) });
    expect(noHeader.status).toBe(403);
    expect((await (await fetch(url)).json()).errorRate ?? 0).toBe(0);
    const ok = await fetch(url, { method: 'POST', headers: LOCAL_ADMIN_HEADERS, body: JSON.stringify({ latencyMs: 0 }) });
    expect(ok.status).toBe(200);
  });
});
