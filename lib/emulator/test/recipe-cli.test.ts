// The microservice-authorization recipe against lattice-local with the AWS CLI and boto3: two
// clients independent of the AWS SDK for JavaScript the other suites use. Each group is one
// python process (the CLI runs in process, not one start per command), so the suite stays
// quick. Every recipe command touching IAM, Lambda, Logs, STS or VPC Lattice must answer as
// AWS answers, including the commands the recipe gets wrong (they fail on AWS too).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '@/lib/testing/lattice-local';

const HERE = fileURLToPath(new URL('./recipe/', import.meta.url));
const ACCOUNT = '230000000001';
const OTHER = '230000000002';
const hasPython = spawnSync('python3', ['-c', 'import awscli, boto3'], { stdio: 'ignore' }).status === 0;

let h: Harness;
let work: string;
const called = new Map<string, Set<string>>();

function python(script: string, env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [join(HERE, script)], { env: { ...process.env, ...env, PYTHONDONTWRITEBYTECODE: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${script} exited ${code}:\n${err}\n${out}`))));
  });
}

const note = (service: string, operation: string) => {
  if (!called.has(service)) called.set(service, new Set());
  called.get(service)!.add(operation);
};
const pascal = (command: string) => command.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());

beforeAll(async () => {
  h = await startHarness();
  work = mkdtempSync(join(tmpdir(), 'recipe-'));
});

afterAll(async () => {
  const total: Record<string, number> = { iam: 18, lambda: 7, logs: 7 };
  const line = Object.entries(total).map(([s, n]) => `${s} ${called.get(s)?.size ?? 0}/${n}`).join(', ');
  if (hasPython) console.log(`coverage: ${line} (AWS CLI and boto3)`);
  await h?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

interface Step {
  step: string;
  args: string[];
  rc: number;
  output: any;
  error: string | null;
  message: string | null;
}

/** What each recipe command answers on AWS (and so must answer here). */
const EXPECTED: Record<string, { ok: true } | { cli: RegExp } | { error: string; message?: RegExp }> = {
  'prep-account': { ok: true },
  '1-create-product-role': { ok: true },
  '1-create-order-role': { ok: true },
  '1-attach-basic-ProductServiceRole': { ok: true },
  '1-attach-basic-OrderServiceRole': { ok: true },
  // Lattice tags are a map: `Key=…,Value=…` twice is list shorthand, refused by the CLI itself.
  '2-create-service-network': { cli: /Unknown options: Key=Purpose,Value=MicroserviceAuth/ },
  '2-create-service-network-fixed': { ok: true },
  '3-get-product-role': { ok: true },
  '3-get-order-role': { ok: true },
  '3-create-client-function': { ok: true },
  '3-create-provider-function': { ok: true },
  '4-create-service': { ok: true },
  '4-create-target-group': { ok: true },
  // A function name is not a LAMBDA target id (a function ARN is): unsuccessful, exit code 0.
  '4-register-targets': { ok: true },
  '4-register-targets-fixed': { ok: true },
  // JSON inside `forward=` shorthand: the CLI cannot parse it.
  '4-create-listener': { cli: /Error parsing parameter '--default-action'/ },
  '4-create-listener-fixed': { ok: true },
  '5-associate': { ok: true },
  // "network/service" is not an association identifier.
  '5-get-association': { error: 'ValidationException', message: /serviceNetworkServiceAssociationIdentifier/ },
  '5-get-association-fixed': { ok: true },
  // The recipe writes the policy file indented; the API refuses newlines (the model's PutAuthPolicy
  // documentation), so the same policy is sent again on one line.
  '6-put-auth-policy': { error: 'ValidationException', message: /must not contain newlines/ },
  '6-put-auth-policy-fixed': { ok: true },
  '7-create-log-group': { ok: true },
  '7-create-access-log-subscription': { ok: true },
  '8-add-permission': { ok: true },
  '8-put-role-policy': { ok: true },
  'v1-get-service-network': { ok: true },
  'v1-get-service': { ok: true },
  'v1-get-auth-policy': { ok: true },
  'v3-describe-log-streams': { ok: true },
  'c1-delete-auth-policy': { ok: true },
  'c1-delete-association': { error: 'ValidationException', message: /serviceNetworkServiceAssociationIdentifier/ },
  'c1-delete-association-fixed': { ok: true },
  'c1-list-listeners': { ok: true },
  'c1-delete-listener': { ok: true },
  'c2-deregister-targets': { ok: true },
  'c2-deregister-targets-fixed': { ok: true },
  'c2-delete-target-group': { ok: true },
  'c2-delete-service': { ok: true },
  'c2-delete-service-network': { ok: true },
  'c3-delete-client-function': { ok: true },
  'c3-delete-provider-function': { ok: true },
  'c3-detach-product': { ok: true },
  'c3-delete-product-inline': { ok: true },
  'c3-delete-product-role': { ok: true },
  'c3-detach-order': { ok: true },
  'c3-delete-order-role': { ok: true },
  'c4-delete-log-group': { ok: true },
};

/** Recipe commands of services lattice-local does not emulate (they reach it and are refused). */
const NOT_EMULATED = new Set(['7-put-metric-alarm', 'v2-invoke', 'v3-get-metric-statistics', 'c4-delete-alarms']);

describe.skipIf(!hasPython)('the microservice-authorization recipe with the AWS CLI', () => {
  let steps: Step[] = [];

  beforeAll(async () => {
    const out = await python('recipe_cli.py', { LATTICE_LOCAL_URL: h.url, RECIPE_ACCOUNT: ACCOUNT, RECIPE_WORKDIR: work });
    steps = out.trim().split('\n').map((line) => JSON.parse(line) as Step);
    for (const s of steps) if (s.rc === 0) note(s.args[0]!, pascal(s.args[1]!));
  }, 120_000);

  it('runs every command of the recipe, and answers each as AWS does', () => {
    const seen = steps.map((s) => s.step);
    expect(seen.filter((s) => !NOT_EMULATED.has(s)).sort()).toEqual(Object.keys(EXPECTED).sort());
    const wrong: string[] = [];
    for (const s of steps) {
      const want = EXPECTED[s.step];
      if (!want) continue;
      const ok = 'ok' in want ? s.rc === 0 : 'cli' in want ? s.rc !== 0 && s.error === null && want.cli.test(s.message ?? '') : s.error === want.error && (!want.message || want.message.test(s.message ?? ''));
      if (!ok) wrong.push(`${s.step}: rc ${s.rc} ${s.error ?? ''} ${s.message ?? ''}`);
    }
    expect(wrong).toEqual([]);
  });

  it('keeps what the recipe reads back', () => {
    const by = Object.fromEntries(steps.map((s) => [s.step, s]));
    expect(by['prep-account']!.output).toBe(ACCOUNT);
    expect(by['3-get-product-role']!.output).toBe(`arn:aws:iam::${ACCOUNT}:role/ProductServiceRole-a1b2c3`);
    expect(by['1-create-product-role']!.output.Role.AssumeRolePolicyDocument.Statement[0].Principal).toEqual({ Service: 'lambda.amazonaws.com' });
    expect(by['4-register-targets']!.output.unsuccessful).toEqual([expect.objectContaining({ id: 'order-service-a1b2c3', failureCode: 'InvalidTargetId' })]);
    expect(by['4-register-targets-fixed']!.output.successful).toEqual([{ id: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:order-service-a1b2c3` }]);
    expect(by['5-get-association-fixed']!.output).toBe('ACTIVE');
    expect(by['7-create-access-log-subscription']!.output.destinationArn).toBe(`arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/vpclattice/microservices-network-a1b2c3:*`);
    expect(JSON.parse(by['8-add-permission']!.output.Statement)).toMatchObject({ Sid: 'vpc-lattice-invoke', Principal: { Service: 'vpc-lattice.amazonaws.com' }, Action: 'lambda:InvokeFunction' });
    expect(by['v1-get-auth-policy']!.output.state).toBe('Active');
    expect(by['v3-describe-log-streams']!.output).toEqual({ logStreams: [] });
    expect(by['c2-deregister-targets']!.output.unsuccessful).toEqual([expect.objectContaining({ failureCode: 'TargetNotFound' })]);
  });

  it('refuses what it does not emulate (CloudWatch alarms and metrics, Lambda Invoke)', () => {
    for (const s of steps.filter((x) => NOT_EMULATED.has(x.step))) {
      expect(s.rc, s.step).not.toBe(0);
      expect(s.message, s.step).toMatch(s.args[0] === 'cloudwatch' ? /does not serve "monitoring"/ : /Unknown operation POST \/2015-03-31\/functions\/.+\/invocations/);
    }
  });
});

describe.skipIf(!hasPython)('IAM, STS, Lambda, Logs and the Lattice references with boto3', () => {
  it('answers every check as AWS does', async () => {
    const out = await python('boto3_checks.py', { LATTICE_LOCAL_URL: h.url, RECIPE_ACCOUNT: `${ACCOUNT.slice(0, -1)}7`, RECIPE_OTHER_ACCOUNT: OTHER });
    const result = JSON.parse(out.trim().split('\n').pop()!) as { checks: number; failures: string[]; operations: Record<string, string[]> };
    for (const [service, ops] of Object.entries(result.operations)) for (const op of ops) note(service, op);
    expect(result.failures).toEqual([]);
    expect(result.checks).toBeGreaterThan(60);
  }, 120_000);
});
