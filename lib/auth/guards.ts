import 'server-only';
// Request guards. Route handlers wrap themselves in withRole; server components and server
// actions call requireUser / requireRole. Each checks on the server, for every request.
import crypto from 'node:crypto';
import { cookies, headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { getConfig } from '@/lib/config';
import { describeErrorForLog, recordAudit } from '@/lib/db';
import { bearerToken } from './api-tokens';
import { refuseUnsafeText } from './text-safety';
import { readJsonLimited, type BodyLimit } from './body-limit';
import { authenticateApiToken, authenticateSession, type Authentication, type SignedInUser } from './authenticate';
import { DomainError } from '@/lib/errors';
import { badRequest, fieldProblems, describeFields, type FieldProblem } from './errors';
import { clientAddress, isMutating, originProblem } from './origin';
import { can, ROLES, type Role } from './roles';
import { sessionCookieName, sessionIdFromCookie } from './session-cookie';

export type { SignedInUser };

type Params = Record<string, string | string[] | undefined>;
export interface RouteContext<P extends Params> {
  user: SignedInUser;
  params: P;
}

export function errorJson(status: number, message: string, fields?: FieldProblem[], headers?: HeadersInit): Response {
  return Response.json({ error: { message, ...(fields ? { fields } : {}) } }, { status, headers });
}

/** Authenticates a route handler's request: bearer token first, else the session cookie. */
export async function authenticateRequest(req: NextRequest | Request): Promise<Authentication> {
  const config = getConfig();
  const token = bearerToken(req.headers.get('authorization'));
  if (token) return authenticateApiToken(token);
  const cookie = 'cookies' in req && typeof (req as NextRequest).cookies?.get === 'function'
    ? (req as NextRequest).cookies.get(sessionCookieName(config.secureCookies))?.value
    : readCookie(req.headers.get('cookie'), sessionCookieName(config.secureCookies));
  return authenticateSession(await sessionIdFromCookie(cookie, config.secret), config.session);
}

function readCookie(header: string | null, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return undefined;
}

/** Maps what a handler threw to a response: 400 with fields for bad input, never a stack trace. */
export function errorResponse(err: unknown): Response {
  if (err instanceof DomainError) return Response.json({ error: { message: err.message, ...err.details } }, { status: err.status, headers: err.headers });
  if (err instanceof z.ZodError) {
    const fields = fieldProblems(err);
    return errorJson(400, `Invalid input: ${describeFields(fields)}`, fields);
  }
  if (err instanceof SyntaxError && /JSON/i.test(err.message)) {
    return errorJson(400, 'The request body is not valid JSON.', [{ path: '(body)', rule: 'valid JSON' }]);
  }
  const ref = crypto.randomBytes(4).toString('hex');
  // Never the error object itself: a failed query's message carries its parameters.
  console.error(`trellis: unexpected error (ref ${ref}): ${describeErrorForLog(err)}`);
  return errorJson(500, `Something went wrong on the server (reference ${ref}). The server log has the details.`);
}

/**
 * The JSON body of a request: 413 past the route's limit (read no further), 400 naming the body
 * when it is empty, not JSON, or nested too deep. `limit`: 'design' for routes that take a design.
 */
export async function readJson(req: Request, limit: BodyLimit = 'default'): Promise<unknown> {
  return readJsonLimited(req, limit);
}

const roleList = (role: Role | readonly Role[]) => (typeof role === 'string' ? [role] : [...role]);

function describeNeed(role: Role | readonly Role[]): string {
  const list = roleList(role);
  return list.length === 1 ? `the ${list[0]} role` : `one of the roles ${list.join(', ')}`;
}

/**
 * Wraps an App Router route handler: authenticates (session cookie or `Authorization: Bearer`),
 * checks Origin on state-changing requests made with the cookie, checks the role, and maps
 * errors to JSON. `role: null` admits any signed-in user.
 */
export function withRole<P extends Params = Params>(
  role: Role | readonly Role[] | null,
  handler: (req: NextRequest, ctx: RouteContext<P>) => Promise<Response>,
) {
  return async (req: NextRequest, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const auth = await authenticateRequest(req);
      if (!auth.ok) {
        const viaToken = bearerToken(req.headers.get('authorization')) !== null;
        return errorJson(401, auth.message, undefined, viaToken ? { 'WWW-Authenticate': 'Bearer error="invalid_token"' } : undefined);
      }
      const { user } = auth;
      const mutating = isMutating(req.method);
      if (mutating && user.via === 'session') {
        const problem = originProblem(req.headers, getConfig().publicUrl);
        if (problem) return await deny(req, user, problem);
      }
      if (mutating && user.via === 'token' && user.tokenScope === 'read-only') {
        return await deny(req, user, 'This API token is read-only: it may only make GET requests.');
      }
      if (role !== null && !can(user, role)) {
        const held = user.roles.length ? user.roles.join(', ') : 'no role';
        return await deny(req, user, `This needs ${describeNeed(role)}; ${user.name} has ${held}.`);
      }
      const params = ((await context?.params) ?? {}) as P;
      refuseUnsafeText(params, 'path');
      refuseUnsafeText(Object.fromEntries(new URL(req.url).searchParams), 'query');
      return await handler(req, { user, params });
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/** Any signed-in user (or API token). */
export function withUser<P extends Params = Params>(handler: (req: NextRequest, ctx: RouteContext<P>) => Promise<Response>) {
  return withRole<P>(null, handler);
}

/** 403, audited when the request would have changed something. */
async function deny(req: NextRequest, user: SignedInUser, message: string): Promise<Response> {
  if (isMutating(req.method)) {
    await recordAudit({
      actor: user,
      action: 'access.denied',
      target: `${req.method} ${new URL(req.url).pathname}`,
      outcome: 'denied',
      details: { reason: message, via: user.via },
      address: clientAddress(req.headers),
    });
  }
  return errorJson(403, message);
}

/** The signed-in user of the current server component or action, or null. */
export async function currentUser(): Promise<SignedInUser | null> {
  // Cookies first: it marks the page as per-request, so `next build` never renders it (and
  // never needs the configuration) ahead of time.
  const jar = await cookies();
  const config = getConfig();
  const sid = await sessionIdFromCookie(jar.get(sessionCookieName(config.secureCookies))?.value, config.secret);
  if (!sid) return null;
  const auth = await authenticateSession(sid, config.session);
  return auth.ok ? auth.user : null;
}

/** The signed-in user; sends anyone else to the sign-in page (saying so when their session ended). */
export async function requireUser(): Promise<SignedInUser> {
  const user = await currentUser();
  if (!user) {
    const hadCookie = (await cookies()).has(sessionCookieName(getConfig().secureCookies));
    // proxy.ts passes the path that was asked for, to come back to after signing in.
    const requested = (await headers()).get('x-trellis-path');
    const query = new URLSearchParams();
    if (hadCookie) query.set('reason', 'ended');
    if (requested && requested.startsWith('/') && !requested.startsWith('//') && requested !== '/') query.set('callbackUrl', requested);
    redirect(`/sign-in${query.size ? `?${query}` : ''}`);
  }
  return user;
}

/**
 * The signed-in user when they hold the role. Others get 403 and a page saying which role the
 * page needs (app/(console)/forbidden.tsx): they are signed in, so the page's existence is no secret.
 */
export async function requireRole(role: Role | readonly Role[]): Promise<SignedInUser> {
  const user = await requireUser();
  if (!can(user, role)) forbidden();
  return user;
}

export { ROLES };
