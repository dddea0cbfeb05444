// What a new password must be beyond its length rule (schemas.ts): not one of the passwords
// every guessing list starts with, not the user's own name, and at least 12 characters for
// an admin (whose password opens everything).
import { badRequest } from './errors';
import type { Role } from './roles';

export const ADMIN_PASSWORD_MIN = 12;

// The most common passwords in public breach lists (plus this product's own words), lowercased.
const COMMON = new Set(
  `123456 123456789 12345678 12345 1234567 1234567890 111111 000000 123123 654321 666666 888888 121212 112233 123321
  password password1 password12 password123 password1234 passw0rd p@ssw0rd p@ssword pa55word passwort motdepasse contraseña
  qwerty qwerty123 qwertyuiop qwerty12 1q2w3e4r 1q2w3e4r5t 1qaz2wsx zaq12wsx asdfghjkl asdfgh azerty qwertz iloveyou
  abc123 abcd1234 a1b2c3d4 aa123456 admin admin123 admin1234 administrator root toor welcome welcome1 welcome123
  letmein letmein1 monkey dragon master sunshine princess football baseball superman batman trustno1 shadow michael
  starwars whatever freedom secret secret123 changeme changeme123 default guest test test123 testtest login hello
  hello123 loveme lovely flower charlie donald jordan23 soccer hockey killer ninja mustang access access123 solo
  computer internet summer2024 winter2024 spring2024 autumn2024 summer2025 winter2025 summer2026 winter2026
  trellis trellis123 trellis1 lattice lattice123 vpclattice amazon aws123 awsadmin
  11111111 00000000 12341234 987654321 9876543210 88888888 55555555 123qwe qwe123 zxcvbnm zxcvbn
  correcthorsebatterystaple letmeinplease iloveyou1 princess1 sunshine1 football1 qwerty1 password!`.split(/\s+/).filter(Boolean),
);

/** Null when the password may be used; otherwise the rule it breaks. */
export function passwordPolicyProblem(password: string, context: { userName: string; roles: readonly Role[] }): string | null {
  const lower = password.normalize('NFKC').toLowerCase();
  if (COMMON.has(lower) || COMMON.has(lower.replace(/[\s!.?]+$/, ''))) return 'not a commonly used password';
  if (lower === context.userName.toLowerCase()) return 'not the user name';
  if (context.roles.includes('admin') && [...password].length < ADMIN_PASSWORD_MIN) return `at least ${ADMIN_PASSWORD_MIN} characters for an admin`;
  return null;
}

/** Throws a 400 naming `password` and the rule when the password may not be used. */
export function checkPasswordPolicy(password: string, context: { userName: string; roles: readonly Role[] }): void {
  const rule = passwordPolicyProblem(password, context);
  if (rule) throw badRequest(`Invalid input: password must be ${rule}.`, [{ path: 'password', rule }]);
}
