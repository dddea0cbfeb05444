import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { getAuthOptions } from '@/lib/auth';

// Options are built on first request (not at import), after the configuration is validated.
async function handler(req: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(req, context, getAuthOptions());
}

export { handler as GET, handler as POST };
