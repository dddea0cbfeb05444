// The JSON a Lattice service hands a Lambda target, by the target group's
// lambdaEventStructureVersion. Shapes: VPC Lattice User Guide, lambda-functions.html ("Receive
// events from the VPC Lattice service"); field types as AWS Powertools' VpcLatticeSchema and
// VpcLatticeV2Schema parse them.

export interface LatticeRequestFacts {
  method: string;
  /** The decoded path. */
  path: string;
  /** The path as received, still percent-encoded, without the query. */
  rawPath: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: Buffer;
  principal: string | null;
  principalOrgId?: string;
  sessionName?: string;
  sourceVpcArn: string;
  serviceArn: string;
  serviceNetworkArn: string;
  targetGroupArn: string;
  region: string;
  now: number;
}

const isText = (headers: Record<string, string>) => /^(text\/|application\/(json|xml|x-www-form-urlencoded|javascript))/i.test(headers['content-type'] ?? 'text/plain');

function bodyOf(facts: LatticeRequestFacts): { body?: string; base64: boolean } {
  if (!facts.body.length) return { base64: false };
  const base64 = !isText(facts.headers);
  return { body: base64 ? facts.body.toString('base64') : facts.body.toString('utf8'), base64 };
}

export function lambdaEvent(version: string, facts: LatticeRequestFacts): Record<string, unknown> {
  const query = Object.fromEntries(facts.query);
  const { body, base64 } = bodyOf(facts);
  if (version === 'V2') {
    return {
      version: '2.0',
      path: facts.path,
      method: facts.method,
      headers: facts.headers,
      ...(facts.query.size ? { queryStringParameters: query } : {}),
      ...(body !== undefined ? { body } : {}),
      isBase64Encoded: base64,
      requestContext: {
        serviceNetworkArn: facts.serviceNetworkArn,
        serviceArn: facts.serviceArn,
        targetGroupArn: facts.targetGroupArn,
        identity: facts.principal
          ? { sourceVpcArn: facts.sourceVpcArn, type: 'AWS_IAM', principal: facts.principal, ...(facts.principalOrgId ? { principalOrgId: facts.principalOrgId } : {}), ...(facts.sessionName ? { sessionName: facts.sessionName } : {}) }
          : { sourceVpcArn: facts.sourceVpcArn },
        region: facts.region,
        // Microseconds since the epoch, as a string.
        timeEpoch: `${facts.now}000`,
      },
    };
  }
  return {
    raw_path: facts.rawPath,
    method: facts.method,
    headers: facts.headers,
    query_string_parameters: query,
    body: body ?? '',
    is_base64_encoded: base64,
  };
}

/** The HTTP answer a Lambda's return value stands for ({statusCode, headers, body, isBase64Encoded}). */
export function lambdaResult(value: unknown): { status: number; headers: Record<string, string>; body: Buffer } | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as { statusCode?: unknown; headers?: unknown; body?: unknown; isBase64Encoded?: unknown };
  if (typeof v.statusCode !== 'number' || !Number.isInteger(v.statusCode) || v.statusCode < 100 || v.statusCode > 599) return undefined;
  const headers: Record<string, string> = {};
  if (v.headers && typeof v.headers === 'object') for (const [k, h] of Object.entries(v.headers)) if (typeof h === 'string') headers[k.toLowerCase()] = h;
  const text = typeof v.body === 'string' ? v.body : '';
  return { status: v.statusCode, headers, body: v.isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8') };
}
