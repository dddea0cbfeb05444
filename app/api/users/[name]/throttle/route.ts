import { clearUserThrottle, clientAddress, withRole } from '@/lib/auth';

/** Clears a user's sign-in throttle (every address), e.g. when someone else's guesses slow them down. */
export const DELETE = withRole<{ name: string }>('admin', async (req, { user, params }) => {
  const result = await clearUserThrottle(params.name, { ...user, address: clientAddress(req.headers) });
  return Response.json(result);
});
