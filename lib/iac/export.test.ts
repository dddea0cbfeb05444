// The export over the small hand-built topology (no emulator): references, variables, import
// ids, names, and the schema check of what it writes. The demo estate's export, cfn-lint and the
// round trip are in the emulator project (lib/emulator/test/iac-export.test.ts, export-round-trip.test.ts).
import { describe, expect, it } from 'vitest';
import { APP, DATA, HUB, IDS, sampleTopology } from '@/lib/topology/fixtures';
import { exportCloudFormation, exportTerraform, sourceFromTopology, terraformImportId } from './index';

const names = { [HUB]: 'hub', [APP]: 'app', [DATA]: 'data' };
const file = (files: { path: string; content: string }[], suffix: string) => files.find((f) => f.path.endsWith(suffix))?.content ?? '';

describe('export of the fixture topology', () => {
  it('writes references, a weighted forward, import ids per type, and variables for what it does not hold', () => {
    const out = exportTerraform(sourceFromTopology(sampleTopology(), { kind: 'estate' }, names));
    const app = file(out.files, 'terraform/app.tf');
    expect(app).toMatch(/resource "aws_vpclattice_listener" "orders_http_80" \{\n  provider = aws\.app_us_east_1\n\n  service_identifier = aws_vpclattice_service\.orders\.id/);
    expect(app).toContain('target_group_identifier = aws_vpclattice_target_group.orders_blue.id');
    expect(app).toMatch(/weight\s+= 90/);
    expect(app).toContain('id       = "svc-0orders0000000001/listener-0http00000000001"');
    expect(app).toContain('id       = "svc-0orders0000000001/listener-0http00000000001/rule-0api0000000000001"');
    // The service network lives in the hub: a cross-account reference by ARN, in the same module.
    expect(app).toContain('service_network_identifier = aws_vpclattice_service_network.shop_network.arn');
    // The VPC is not exported: a variable with the live id as default.
    expect(app).toMatch(/vpc_identifier\s+= var\.vpc_app_vpc/);
    expect(file(out.files, 'variables.tf')).toMatch(/variable "vpc_app_vpc" \{[\s\S]*default\s+= "vpc-0app000000000001"/);
    expect(out.summary.imports).toBeGreaterThan(5);
  });

  it('gives each type the import id its provider takes', () => {
    const source = sourceFromTopology(sampleTopology(), { kind: 'estate' }, names);
    const ids = Object.fromEntries(source.resources.map((r) => [r.key, terraformImportId(r)]));
    expect(ids[IDS.sn]).toBe('sn-0hub000000000001');
    expect(ids[IDS.snSvcAssoc]).toBe('snsa-0000000000000001');
    expect(ids[`authPolicy:${IDS.svc}`]).toBe(IDS.svc);
    expect(source.resources.filter((r) => r.kind === 'target').map((r) => terraformImportId(r))).toEqual([undefined, undefined, undefined]);
  });

  it('keeps a stack per account and region in CloudFormation, with a parameter fed by the other stack\'s output', () => {
    const out = exportCloudFormation(sourceFromTopology(sampleTopology(), { kind: 'estate' }, names));
    expect(out.files.map((f) => f.path).sort()).toEqual(['cloudformation/app-us-east-1.yaml', 'cloudformation/data-us-east-1.yaml', 'cloudformation/hub-us-east-1.yaml']);
    expect(file(out.files, 'app-us-east-1.yaml')).toMatch(/ShopNetworkServiceNetworkArn:\n {4}Type: "String"/);
    expect(file(out.files, 'hub-us-east-1.yaml')).toMatch(/Outputs:\n {2}ShopNetworkServiceNetworkArn:/);
    expect(file(out.files, 'app-us-east-1.yaml')).toMatch(/Targets:\n {8}- Id: "10\.0\.1\.10"\n {10}Port: 8080/);
  });
});
