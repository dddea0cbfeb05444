// In the emulator project: it reads the demo estate from a lattice-local started in this process.
// Export of the demo estate (read from lattice-local through discovery, as the console reads it)
// and of a design over it, to Terraform and CloudFormation: references, variables, import ids,
// stable names, and the offline validators (cfn-lint; HashiCorp's HCL parser with the vendored
// provider schema).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from '@cdktf/hcl2json';
import { forgetClients } from '@/lib/aws/clients';
import type { LatticeLocal } from '@/lib/emulator';
import type { Topology } from '@/lib/topology/types';
import { checkTerraform, exportCloudFormation, exportTerraform, sourceFromDesign, sourceFromPlan, sourceFromTopology, zipFiles } from '@/lib/iac';
import { cfnLint, checkTerraformFiles, DEMO_NAMES, demoDesign, writeFiles } from '@/lib/testing/iac';
import { demoTopology } from '@/lib/testing/iac';

let local: LatticeLocal;
let topology: Topology;
const saved = { ...process.env };

beforeAll(async () => {
  ({ local, topology } = await demoTopology());
}, 60_000);

afterAll(async () => {
  forgetClients();
  await local?.stop();
  process.env = saved;
});

const estate = () => sourceFromTopology(topology, { kind: 'estate' }, DEMO_NAMES);
const file = (files: { path: string; content: string }[], suffix: string) => files.find((f) => f.path.endsWith(suffix))!.content;

describe('Terraform export of the demo estate', () => {
  it('writes one file per account, a provider alias per account and region that assumes a role, and imports with each type\'s id', () => {
    const out = exportTerraform(estate());
    expect(out.files.map((f) => f.path).sort()).toEqual(
      ['terraform/data-platform.tf', 'terraform/network-hub.tf', 'terraform/payments.tf', 'terraform/providers.tf', 'terraform/storefront.tf', 'terraform/variables.tf'].sort(),
    );
    const providers = file(out.files, 'providers.tf');
    for (const name of ['network_hub', 'storefront', 'payments', 'data_platform']) expect(providers).toContain(`alias  = "${name}_us_east_1"`);
    expect(providers).toContain('assume_role {');
    expect(providers).toContain('role_arn = "arn:aws:iam::222222222222:role/${var.assume_role_name}"');

    const sf = file(out.files, 'storefront.tf');
    const orders = topology.nodes.find((n) => n.kind === 'service' && n.name === 'orders')!;
    const listener = topology.nodes.find((n) => n.kind === 'listener' && n.parent === orders.id && n.name === 'https-443')!;
    const rule = topology.nodes.find((n) => n.kind === 'rule' && n.parent === listener.id && n.description.isDefault !== true)!;
    // Import ids as each resource type takes them.
    expect(sf).toContain(`id       = "${orders.resourceId}"`);
    expect(sf).toContain(`id       = "${orders.resourceId}/${listener.resourceId}"`);
    expect(sf).toContain(`id       = "${orders.resourceId}/${listener.resourceId}/${rule.resourceId}"`);
    expect(sf).toContain(`to       = aws_vpclattice_auth_policy.orders\n  id       = "${orders.id}"`);
    // References, not copied ids: the listener names its service through the resource.
    expect(sf).toMatch(/resource "aws_vpclattice_listener" "orders_https_443" \{[\s\S]*?service_identifier = aws_vpclattice_service\.orders\.id/);
    expect(sf).toMatch(/listener_identifier = aws_vpclattice_listener\.orders_https_443\.listener_id/);
    // Cross-account references (an association in storefront to the hub's network) use the ARN.
    expect(sf).toMatch(/service_network_identifier = aws_vpclattice_service_network\.retail_services\.arn/);
    // Auth policies as jsonencode with references inside.
    expect(sf).toMatch(/policy = jsonencode\(\{[\s\S]*"Resource"\s+= "\$\{aws_vpclattice_service\.orders\.arn\}\/\*"/);
    // Outside references are variables, with what the estate holds as default.
    expect(sf).toMatch(/vpc_id\s+= var\.vpc_storefront/);
    expect(file(out.files, 'variables.tf')).toMatch(/variable "vpc_storefront" \{[\s\S]*?default\s+= "vpc-/);
    // No Lattice id is copied into a resource body: ids appear only in import blocks and variables.
    const bodies = out.files.filter((f) => /(network-hub|storefront|payments|data-platform)\.tf$/.test(f.path)).map((f) => f.content.replace(/import \{[\s\S]*?\n\}/g, '')).join('\n');
    expect(bodies).not.toMatch(/"(svc|sn|tg|listener|rule|rcfg|rgw|snsa|snva|snra)-[0-9a-z]{17}"/);
    // RAM: the share with its principal and resource associations in the hub; the accepted invitation in payments.
    const hub = file(out.files, 'network-hub.tf');
    expect(hub).toContain('resource "aws_ram_resource_share" "retail_services"');
    expect(hub).toMatch(/resource "aws_ram_resource_association" "retail_services_retail_services" \{[\s\S]*?resource_arn\s+= aws_vpclattice_service_network\.retail_services\.arn/);
    expect(hub).toMatch(/id {7}= "arn:aws:ram:[^"]+,333333333333"/);
    expect(file(out.files, 'payments.tf')).toMatch(/resource "aws_ram_resource_share_accepter" "retail_services_payments" \{[\s\S]*?share_arn = aws_ram_resource_share\.retail_services\.arn/);
    // What the format cannot say is said at the top.
    expect(providers).toMatch(/# What this Terraform cannot express:[\s\S]*sharingConfig/);
  });

  it('names resources the same way on every export, whatever the order discovery returned', () => {
    const a = exportTerraform(estate());
    const shuffled: Topology = { ...topology, nodes: [...topology.nodes].reverse(), edges: [...topology.edges].reverse() };
    const b = exportTerraform(sourceFromTopology(shuffled, { kind: 'estate' }, DEMO_NAMES));
    const names = (files: typeof a.files) => files.flatMap((f) => [...f.content.matchAll(/^resource "(\w+)" "(\w+)"/gm)].map((m) => `${m[1]}.${m[2]}`)).sort();
    expect(names(b.files)).toEqual(names(a.files));
    expect(new Set(names(a.files)).size).toBe(names(a.files).length);
  });

  it('parses with HashiCorp\'s HCL parser and matches the provider schema, for the estate and a design', async () => {
    expect(await checkTerraformFiles(exportTerraform(estate()).files)).toEqual([]);
    expect(await checkTerraformFiles(exportTerraform(sourceFromDesign(demoDesign(topology), 'checkout-v2', topology, DEMO_NAMES)).files)).toEqual([]);
  }, 60_000);

  it('the schema check catches an unknown argument, a misplaced block and a missing required argument', async () => {
    const bad = 'resource "aws_vpclattice_service" "x" {\n  bogus = 1\n}\nresource "aws_vpclattice_listener" "y" {\n  name = "a"\n  protocol = "HTTP"\n  default_action {\n    weight = 1\n  }\n}\n';
    const issues = checkTerraform('bad.tf', (await parse('bad.tf', bad)) as Record<string, unknown>);
    expect(issues.map((i) => i.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('bogus is neither an argument nor a block'),
        'required argument name is missing',
        expect.stringContaining('weight is neither an argument nor a block'),
      ]),
    );
  });

  it('exports a selection with what it contains, and a variable where a reference leaves it', () => {
    const orders = topology.nodes.find((n) => n.kind === 'service' && n.name === 'orders')!;
    const out = exportTerraform(sourceFromTopology(topology, { kind: 'selection', ids: [orders.id] }, DEMO_NAMES));
    const sf = file(out.files, 'storefront.tf');
    expect(sf).toContain('resource "aws_vpclattice_service" "orders"');
    expect(sf).toContain('resource "aws_vpclattice_listener" "orders_https_443"');
    expect(sf).toContain('resource "aws_vpclattice_auth_policy" "orders"');
    expect(sf).toMatch(/service_network_identifier = var\.service_network_retail_services/);
    expect(file(out.files, 'variables.tf')).toContain(`default     = "${topology.nodes.find((n) => n.kind === 'serviceNetwork' && n.name === 'retail-services')!.id}"`);
    expect(out.files.some((f) => f.path.endsWith('network-hub.tf'))).toBe(false);
  });

  it('exports a design without imports for new records, and a plan\'s changes with its deletes as notes', () => {
    const design = demoDesign(topology);
    const out = exportTerraform(sourceFromDesign(design, 'checkout-v2', topology, DEMO_NAMES));
    const sf = file(out.files, 'storefront.tf');
    expect(sf).toContain('resource "aws_vpclattice_service" "checkout_v2"');
    expect(sf).not.toContain('import {');
    expect(sf).toMatch(/target_group_identifier = aws_vpclattice_target_group\.checkout_v2_pods\.id/);
    const plan = sourceFromPlan(design, [{ action: 'create', recordId: 'new-svc', label: 'service checkout-v2' }, { action: 'delete', label: 'service legacy', arn: 'arn:x' }], 'checkout-v2', topology, DEMO_NAMES);
    expect(plan.resources.map((r) => r.key)).toEqual(['new-svc']);
    expect(plan.notes).toEqual([expect.stringContaining('The plan removes service legacy')]);
  });
});

describe('CloudFormation export', () => {
  it('writes one stack per account and region with !GetAtt inside, parameters across, and targets inline', () => {
    const out = exportCloudFormation(estate());
    expect(out.files.map((f) => f.path).sort()).toEqual(['cloudformation/data-platform-us-east-1.yaml', 'cloudformation/network-hub-us-east-1.yaml', 'cloudformation/payments-us-east-1.yaml', 'cloudformation/storefront-us-east-1.yaml']);
    const sf = file(out.files, 'storefront-us-east-1.yaml');
    expect(sf).toMatch(/OrdersHttps443Listener:\n {4}Type: "AWS::VpcLattice::Listener"\n {4}Properties:[\s\S]*?ServiceIdentifier: !GetAtt "OrdersService\.Id"/);
    expect(sf).toMatch(/Type: "AWS::VpcLattice::TargetGroup"[\s\S]*?Targets:\n\s+- Id: "10\./);
    // The hub's network is a parameter in storefront, fed by the hub stack's output of the same name.
    expect(sf).toMatch(/RetailServicesServiceNetworkArn:\n {4}Type: "String"/);
    expect(file(out.files, 'network-hub-us-east-1.yaml')).toMatch(/Outputs:[\s\S]*RetailServicesServiceNetworkArn:/);
    // What CloudFormation cannot say: the payments account's accepted invitation.
    expect(file(out.files, 'payments-us-east-1.yaml')).toMatch(/# What this template cannot express:\n#  - accepting the RAM share retail-services/);
  });

  it('passes cfn-lint with no error, for the estate and for a design', async () => {
    const estateLint = await cfnLint(exportCloudFormation(estate()).files);
    expect(estateLint.output).toBe('');
    expect(estateLint.code & 2).toBe(0);
    const designLint = await cfnLint(exportCloudFormation(sourceFromDesign(demoDesign(topology), 'checkout-v2', topology, DEMO_NAMES)).files);
    expect(designLint.output).toBe('');
    expect(designLint.code & 2).toBe(0);
  }, 120_000);

  it('cfn-lint does catch a broken template (so the check above means something)', async () => {
    const lint = await cfnLint([{ path: 'bad.yaml', content: 'Resources:\n  R:\n    Type: "AWS::VpcLattice::Rule"\n    Properties:\n      Priority: 0\n' }]);
    expect(lint.code & 2).toBe(2);
    expect(lint.output).toMatch(/E\d{4}/);
  }, 60_000);
});

describe('zip', () => {
  it('is a zip that unzip lists and extracts byte for byte', () => {
    const files = [{ path: 'terraform/a.tf', content: 'resource "x" "y" {}\n' }, { path: 'cloudformation/b.yaml', content: 'Résumé: ✓\n' }];
    const { dir, remove } = writeFiles([]);
    try {
      const zip = `${dir}/out.zip`;
      writeFileSync(zip, zipFiles(files));
      const listed = execFileSync('python3', ['-c', 'import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print("\\n".join(n+"="+z.read(n).decode() for n in z.namelist()))', zip], { encoding: 'utf8' });
      expect(listed).toBe('terraform/a.tf=resource "x" "y" {}\n\ncloudformation/b.yaml=Résumé: ✓\n\n');
    } finally {
      remove();
    }
  });
});

