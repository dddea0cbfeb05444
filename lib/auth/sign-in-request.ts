// next-auth's POST routes (sign-in, sign-out, callbacks) read their own body; this bounds it
// first (64 KB) and hands next-auth a copy of what was read.
import { NextRequest } from 'next/server';
import { readBodyText, SIGN_IN_BODY_BYTES } from './body-limit';
import { RequestError } from './errors';

export async function boundedSignInRequest(req: NextRequest): Promise<NextRequest | Response> {
  let text: string;
  try {
    text = await readBodyText(req, SIGN_IN_BODY_BYTES);
  } catch (err) {
    if (err instanceof RequestError) return Response.json({ error: { message: err.message, fields: err.fields } }, { status: err.status });
    throw err;
  }
  const headers = new Headers(req.headers);
  headers.delete('content-length');
  return new NextRequest(req.url, { method: req.method, headers, body: text });
}
