// Runs before pages render. It only tells the page which path was asked for, so that a
// visitor sent to the sign-in page comes back to it afterwards. It authorizes nothing:
// every page, route handler and server action checks the session and role itself.
import { NextResponse, type NextRequest } from 'next/server';

export const REQUESTED_PATH_HEADER = 'x-trellis-path';

export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set(REQUESTED_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Pages only: not the API, Next's own files, or static assets.
  matcher: ['/((?!api/|_next/|favicon\\.ico|.*\\.[a-z0-9]+$).*)'],
};
