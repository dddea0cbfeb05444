// What the sign-in page says for the codes it can receive in its URL: next-auth's own error
// codes, Trellis's single sign-on codes, and why a session ended. Unknown codes get a generic
// sentence; text from the URL is never shown.
const ERRORS: Record<string, string> = {
  AccountDisabled: 'This account is disabled. Ask an admin to enable it.',
  NoSubject: 'The identity provider did not say who you are (no "sub" claim). Ask an admin to check its settings.',
  OAuthSignin: 'Single sign-on could not start. Try again, or ask an admin to check the identity provider settings.',
  OAuthCallback: 'Single sign-on did not complete. Try again, or ask an admin to check the identity provider settings.',
  OAuthCreateAccount: 'Single sign-on did not complete. Try again, or ask an admin to check the identity provider settings.',
  Callback: 'Single sign-on did not complete. Try again.',
  AccessDenied: 'Access denied.',
  SessionRequired: 'Sign in first.',
  Configuration: 'Sign-in is misconfigured on the server; the server log has the details.',
};

export function signInNotice(params: { error?: string; reason?: string }): string | null {
  if (params.error) return ERRORS[params.error] ?? 'Sign-in failed. Try again.';
  if (params.reason === 'ended') return 'Your session has ended. Sign in again.';
  return null;
}

/** Where to go after signing in: a path on this console only (never another site). */
export function safeCallbackUrl(value: string | undefined, publicUrl: string): string {
  if (!value) return '/';
  // Browsers drop tabs and newlines inside URLs, so "/\t/evil.example" would become
  // "//evil.example" (another site). Control characters and backslashes are refused outright.
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return '/';
  try {
    const base = new URL(publicUrl);
    const url = new URL(value, base);
    if (url.origin !== base.origin) return '/';
    const local = `${url.pathname}${url.search}${url.hash}`;
    // The path must stay a path when a browser reads it on its own.
    if (!local.startsWith('/') || local.startsWith('//')) return '/';
    return local;
  } catch {
    return '/';
  }
}
