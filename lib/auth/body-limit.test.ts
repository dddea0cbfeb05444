// Issue 12, point 5: bodies are bounded before parsing, 413 beyond the limit, depth capped.
import { describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { boundedSignInRequest } from './sign-in-request';
import { jsonDepthExceeds } from '@/lib/canonical';
import { MAX_JSON_DEPTH, readJsonLimited, SIGN_IN_BODY_BYTES } from './body-limit';
import { RequestError } from './errors';
import { errorResponse } from './guards';

/** A body of `chunks` × `size` bytes without Content-Length; `pulled` counts the chunks read. */
function streamed(chunks: number, size: number) {
  const state = { pulled: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= chunks) return controller.close();
      state.pulled++;
      controller.enqueue(new Uint8Array(size).fill(0x20));
    },
  });
  return { state, request: new Request('http://localhost/api/x', { method: 'POST', body, duplex: 'half' } as RequestInit) };
}

async function refusal(p: Promise<unknown>): Promise<RequestError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(RequestError);
  return err as RequestError;
}

describe('bounded request bodies', () => {
  it('refuses a declared Content-Length over the limit with 413, naming the body and the limit', async () => {
    const req = new Request('http://localhost/api/x', { method: 'POST', body: '{}', headers: { 'content-length': String(200 * 1024 * 1024) } });
    const err = await refusal(readJsonLimited(req, 1024));
    expect(err.status).toBe(413);
    expect(err.fields).toEqual([{ path: '(body)', rule: 'at most 1 KB' }]);
    const res = errorResponse(err);
    expect(res.status).toBe(413);
  });

  it('stops reading an undeclared body as soon as it passes the limit (a 200 MB body is never buffered)', async () => {
    const { state, request } = streamed(3200, 64 * 1024); // 200 MB if read to the end
    const err = await refusal(readJsonLimited(request, 256 * 1024));
    expect(err.status).toBe(413);
    expect(state.pulled).toBeLessThanOrEqual(6);
  });

  it('caps JSON depth with a 400 naming the rule', async () => {
    const deep = '['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1);
    const err = await refusal(readJsonLimited(new Request('http://localhost/', { method: 'POST', body: deep }), 1024 * 1024));
    expect(err.status).toBe(400);
    expect(err.fields).toEqual([{ path: '(body)', rule: `JSON nested at most ${MAX_JSON_DEPTH} levels deep` }]);
    expect(jsonDepthExceeds('{"a":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}', 2)).toBe(false);
    expect(await readJsonLimited(new Request('http://localhost/', { method: 'POST', body: '{"a":{"b":[1,2,{"c":"\\\\\\"]"}]}}' }), 1024)).toEqual({ a: { b: [1, 2, { c: '\\"]' }] } });
  });

  it('sign-in posts are refused past 64 KB before next-auth reads them, and passed on intact below', async () => {
    const big = new NextRequest('http://localhost/api/auth/callback/credentials', { method: 'POST', body: 'x'.repeat(SIGN_IN_BODY_BYTES + 1) });
    const refused = await boundedSignInRequest(big);
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(413);
    const form = 'username=admin&password=trellis&csrfToken=abc';
    const ok = await boundedSignInRequest(new NextRequest('http://localhost/api/auth/callback/credentials', { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
    expect(ok).toBeInstanceOf(NextRequest);
    expect(await (ok as NextRequest).text()).toBe(form);
    expect((ok as NextRequest).headers.get('content-type')).toBe('application/x-www-form-urlencoded');
  });
});
