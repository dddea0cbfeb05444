// For the export tests and the benchmark: the demo estate read the way the console reads it
// (lattice-local in this process, discovery through the SDK), a design over it, and the two
// offline validators: cfn-lint (Python, installed beside Node here) and HashiCorp's HCL parser
// (@cdktf/hcl2json) with the vendored provider schema.
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from '@cdktf/hcl2json';
import { demoAccounts } from '@/lib/aws/accounts-config';
import { forgetClients } from '@/lib/aws/clients';
import { discoverEstate } from '@/lib/aws/discover';
import { startLatticeLocal, type LatticeLocal } from '@/lib/emulator';
import { DEMO_ACCOUNTS } from '@/lib/demo';
import type { Design } from '@/lib/topology/design';
import type { Topology } from '@/lib/topology/types';
import { checkTerraform, type SchemaIssue } from '@/lib/iac/terraform-check';
import type { ExportFile } from '@/lib/iac/types';

const run = promisify(execFile);

export const DEMO_NAMES: Record<string, string> = Object.fromEntries(DEMO_ACCOUNTS.map((a) => [a.id, a.name]));
export const demoId = (name: string) => DEMO_ACCOUNTS.find((a) => a.name === name)!.id;

/** Points the SDK at a lattice-local and returns the estate as discovery reads it. */
export async function discoverFrom(local: LatticeLocal): Promise<Topology> {
  Object.assign(process.env, { AWS_ENDPOINT_URL: local.url, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: demoId('network-hub'), AWS_SECRET_ACCESS_KEY: 'test' });
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  forgetClients();
  const result = await discoverEstate(demoAccounts().map((a) => ({ ...a })));
  return result.topology;
}

export async function demoTopology(): Promise<{ topology: Topology; local: LatticeLocal }> {
  const local = await startLatticeLocal({ port: 0, seed: 'demo', activationDelayMs: 0, logLevel: 'silent' });
  return { topology: await discoverFrom(local), local };
}

/** A design over the demo estate: a new service behind a listener and a target group, joining retail-services. */
export function demoDesign(topology: Topology): Design {
  const storefront = demoId('storefront');
  const retail = topology.nodes.find((n) => n.kind === 'serviceNetwork' && n.name === 'retail-services')!;
  const vpc = topology.nodes.find((n) => n.kind === 'vpc' && n.account === storefront && n.name !== n.resourceId)!;
  const region = 'us-east-1';
  const rec = (id: string, kind: Design['records'][string]['kind'], spec: Design['records'][string]['spec'], tags?: Record<string, string>) => ({ id, kind, account: storefront, region, spec, ...(tags ? { tags } : {}) });
  return {
    schemaVersion: 1,
    defaults: { account: storefront, region },
    positions: {},
    records: {
      'new-svc': rec('new-svc', 'service', { name: 'checkout-v2', authType: 'AWS_IAM' }, { team: 'checkout' }),
      'new-tg': rec('new-tg', 'targetGroup', { name: 'checkout-v2-pods', type: 'IP', config: { port: 8443, protocol: 'HTTPS', vpcIdentifier: vpc.resourceId!, healthCheck: { enabled: true, path: '/healthz' } } }),
      'new-target': rec('new-target', 'target', { targetGroupIdentifier: 'new-tg', id: '10.1.40.10', port: 8443 }),
      'new-listener': rec('new-listener', 'listener', { serviceIdentifier: 'new-svc', name: 'https-443', protocol: 'HTTPS', port: 443, defaultAction: { forward: { targetGroups: [{ targetGroupIdentifier: 'new-tg', weight: 100 }] } } }),
      'new-rule': rec('new-rule', 'rule', { listenerIdentifier: 'new-listener', name: 'beta', priority: 10, match: { httpMatch: { headerMatches: [{ name: 'x-beta', match: { exact: 'true' } }] } }, action: { fixedResponse: { statusCode: 404 } } }),
      'new-assoc': rec('new-assoc', 'serviceNetworkServiceAssociation', { serviceNetworkIdentifier: retail.id, serviceIdentifier: 'new-svc' }),
      'new-policy': rec('new-policy', 'authPolicy', {
        resourceIdentifier: 'new-svc',
        policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-tr3llis7demo' } } }] }),
      }),
    },
  };
}

/** Writes files into a fresh temporary directory; returns it and a clean-up. */
export function writeFiles(files: ExportFile[]): { dir: string; paths: string[]; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'trellis-export-'));
  const paths = files.map((f) => {
    const p = path.join(dir, f.path);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, f.content);
    return p;
  });
  return { dir, paths, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** cfn-lint over the templates: its exit code and what it printed (errors E…, warnings W…). */
export async function cfnLint(files: ExportFile[]): Promise<{ code: number; output: string }> {
  const { paths, remove } = writeFiles(files.filter((f) => f.path.endsWith('.yaml')));
  try {
    const { stdout, stderr } = await run('cfn-lint', ['--format', 'parseable', '--', ...paths], { maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, output: stdout + stderr };
  } catch (err) {
    const e = err as { code?: number | string; stdout?: string; stderr?: string };
    if (e.code === 'ENOENT') throw new Error('cfn-lint is not installed: `pip install cfn-lint` (Python 3) puts it on the PATH');
    return { code: typeof e.code === 'number' ? e.code : 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  } finally {
    remove();
  }
}

/** Parses every .tf file with HashiCorp's HCL parser and checks it against the vendored schema. */
export async function checkTerraformFiles(files: ExportFile[]): Promise<SchemaIssue[]> {
  const issues: SchemaIssue[] = [];
  for (const f of files.filter((x) => x.path.endsWith('.tf'))) {
    let parsed: Record<string, unknown>;
    try {
      parsed = (await parse(f.path, f.content)) as Record<string, unknown>;
    } catch (err) {
      issues.push({ file: f.path, at: '', message: `does not parse: ${(err as Error).message}` });
      continue;
    }
    issues.push(...checkTerraform(f.path, parsed));
  }
  return issues;
}
