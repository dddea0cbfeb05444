import NextAuth from 'next-auth';
import { NextRequest } from 'next/server';
import { getAuthOptions } from '@/lib/auth';
import { boundedSignInRequest } from '@/lib/auth/sign-in-request';

// Options are built on first request (not at import), after the configuration is validated.
async function handler(req: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(req, context, getAuthOptions());
}

/** Sign-in posts are small forms: past 64 KB they get 413 before anything parses them. */
async function post(req: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) {
  const bounded = await boundedSignInRequest(req);
  if (bounded instanceof Response) return bounded;
  return handler(bounded, context);
}

export { handler as GET, post as POST };
