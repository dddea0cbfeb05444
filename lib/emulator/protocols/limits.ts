// What lattice-local refuses before it does any work: bodies over a size, JSON nested past a
// depth, credential scopes whose date is not the request's or whose region AWS does not have,
// and admin requests a web page could make.
import { jsonDepthExceeds } from '@/lib/canonical';

/** Largest request body (AWS's own limits are far below this for the APIs emulated). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** Deepest JSON nesting accepted; AWS's shapes nest a handful of levels. */
export const MAX_JSON_DEPTH = 64;

/** Header every POST to `/_local/*` must carry (with a JSON body), so a web page cannot make one. */
export const LOCAL_ADMIN_HEADER = 'x-lattice-local';
export const LOCAL_ADMIN_HEADERS = { 'content-type': 'application/json', [LOCAL_ADMIN_HEADER]: 'admin' } as const;

/** AWS's commercial, GovCloud and China regions. */
export const KNOWN_REGIONS: ReadonlySet<string> = new Set([
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
  'af-south-1',
  'ap-east-1', 'ap-east-2', 'ap-south-1', 'ap-south-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3',
  'ca-central-1', 'ca-west-1',
  'eu-central-1', 'eu-central-2', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-south-1', 'eu-south-2', 'eu-north-1',
  'il-central-1', 'me-south-1', 'me-central-1', 'mx-central-1', 'sa-east-1',
  'us-gov-east-1', 'us-gov-west-1', 'cn-north-1', 'cn-northwest-1',
]);

/** True when a JSON text nests arrays and objects deeper than `limit`. */
export const jsonTooDeep = (text: string, limit = MAX_JSON_DEPTH): boolean => jsonDepthExceeds(text, limit);

/** Null when the credential scope agrees with X-Amz-Date and names a known region; else AWS's message. */
export function credentialScopeProblem(scope: { shortDate: string; region: string }, amzDate: string): string | null {
  const day = amzDate.slice(0, 8);
  if (/^\d{8}T\d{6}Z$/.test(amzDate) && scope.shortDate !== day) {
    return `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scope.shortDate}' != '${day}', from '${amzDate}'.`;
  }
  if (!KNOWN_REGIONS.has(scope.region)) return `Credential should be scoped to a valid region, not '${scope.region}'.`;
  return null;
}
