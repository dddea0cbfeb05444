// Terraform (hashicorp/aws 6): one root module, a file per account with the resources and the
// import blocks that adopt the live ones, a provider alias per account and region that assumes
// a role into it, and variables for what the export refers to but does not hold.
import { parseArn } from '@/lib/topology/arn';
import type { JsonObject } from '@/lib/topology/types';
import { dependencyOrder, isInterp, isOutside, isRef, Resolver, uniqueNames, type Expr, type Resolved } from './resolve';
import type { IacKind, IacResource, IacSource } from './source';
import schemaFile from './terraform-schema.generated.json';
import type { TerraformType } from './terraform-types';
import type { ExportFile, ExportOptions, ExportResult } from './types';

interface AttributeSchema {
  required: boolean;
  type: string;
}
export interface BlockSchema {
  required: boolean;
  repeated: boolean;
  attributes: Record<string, AttributeSchema>;
  blocks: Record<string, BlockSchema>;
}
export const TERRAFORM_SCHEMA = schemaFile as { source: string; resources: Record<string, BlockSchema> };

export const TF_TYPE: Record<IacKind, TerraformType> = {
  serviceNetwork: 'aws_vpclattice_service_network',
  service: 'aws_vpclattice_service',
  listener: 'aws_vpclattice_listener',
  rule: 'aws_vpclattice_listener_rule',
  targetGroup: 'aws_vpclattice_target_group',
  target: 'aws_vpclattice_target_group_attachment',
  resourceGateway: 'aws_vpclattice_resource_gateway',
  resourceConfiguration: 'aws_vpclattice_resource_configuration',
  serviceNetworkServiceAssociation: 'aws_vpclattice_service_network_service_association',
  serviceNetworkVpcAssociation: 'aws_vpclattice_service_network_vpc_association',
  serviceNetworkResourceAssociation: 'aws_vpclattice_service_network_resource_association',
  serviceNetworkVpcEndpoint: 'aws_vpc_endpoint',
  authPolicy: 'aws_vpclattice_auth_policy',
  resourcePolicy: 'aws_vpclattice_resource_policy',
  accessLogSubscription: 'aws_vpclattice_access_log_subscription',
  resourceShare: 'aws_ram_resource_share',
  shareAccepter: 'aws_ram_resource_share_accepter',
};

/** The attribute that holds a resource's short id where it is not `id`. */
const ID_ATTRIBUTE: Partial<Record<TerraformType, string>> = {
  aws_vpclattice_listener: 'listener_id',
  aws_vpclattice_listener_rule: 'rule_id',
};

/** Spec field → argument, where snake_case of the field is not the argument's name. */
const RENAMES: Partial<Record<IacKind, Record<string, string>>> = {
  resourceGateway: { vpcIdentifier: 'vpc_id' },
  resourceConfiguration: { resourceConfigurationGroupIdentifier: 'resource_configuration_group_id' },
};

export const snake = (s: string) =>
  s
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();

export function tfName(s: string): string {
  const n = s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[a-z_]/.test(n) ? n : `r_${n}`;
}

/** The import id each type takes (hashicorp/aws 6 `terraform import` docs). */
export function terraformImportId(r: IacResource): string | undefined {
  if (!r.arn) return undefined;
  const parsed = parseArn(r.arn);
  const path = parsed?.resource ?? '';
  switch (r.kind) {
    case 'listener': // svc-…/listener-…
      return path.replace(/^service\//, '').replace('/listener/', '/');
    case 'rule': // svc-…/listener-…/rule-…
      return path.replace(/^service\//, '').replace('/listener/', '/').replace('/rule/', '/');
    case 'target':
      return undefined; // aws_vpclattice_target_group_attachment has no import
    case 'authPolicy':
    case 'resourcePolicy':
      return String(r.spec.resourceIdentifier ?? r.spec.resourceArn ?? r.arn);
    case 'resourceShare':
    case 'shareAccepter':
      return r.arn;
    default:
      return parsed?.resourceId;
  }
}

const hclString = (s: string) => JSON.stringify(s).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');

interface Ctx {
  resolver: Resolver;
  names: Map<string, string>;
  vars: Map<string, { name: string; value?: string; description: string; list?: boolean }>;
  cannot: Set<string>;
}

function refExpr(ctx: Ctx, key: string, attr: 'arn' | 'id'): string {
  const r = ctx.resolver.byKey.get(key)!;
  const type = TF_TYPE[r.kind];
  const a = attr === 'arn' ? 'arn' : (ID_ATTRIBUTE[type] ?? 'id');
  return `${type}.${ctx.names.get(key)}.${a}`;
}

function variableFor(ctx: Ctx, e: { $outside: string; thing?: { kind: string; name: string; account: string } }): string {
  const existing = ctx.vars.get(e.$outside);
  if (existing) return `var.${existing.name}`;
  const t = e.thing;
  const parsed = parseArn(e.$outside);
  const kind = t?.kind ?? parsed?.resourceType ?? e.$outside.replace(/-.*$/, '');
  const label = t ? (t.name === e.$outside || t.name.startsWith(`${kind.toLowerCase()}-`) ? t.name : `${t.name}`) : (parsed?.resourceId ?? e.$outside);
  let name = tfName(`${snake(kind)} ${label}`.replace(/^(vpc|subnet|security_group) (vpc|subnet|sg)[-_]/, '$1_'));
  const taken = new Set([...ctx.vars.values()].map((v) => v.name));
  for (let i = 2; taken.has(name); i++) name = `${name}_${i}`;
  const description = t ? `${t.kind} ${t.name} in account ${t.account} (outside this export)` : `${e.$outside} (outside this export)`;
  const value = e.$outside.startsWith('new-') ? undefined : e.$outside;
  ctx.vars.set(e.$outside, { name, value, description });
  return `var.${name}`;
}

/** An expression in HCL. */
function expr(ctx: Ctx, e: Expr, indent: string): string {
  if (isRef(e)) return refExpr(ctx, e.$ref, e.attr);
  if (isOutside(e)) return variableFor(ctx, e);
  if (isInterp(e)) return `"${e.$parts.map((p) => (typeof p === 'string' ? hclString(p).slice(1, -1) : `\${${refExpr(ctx, p.$ref, p.attr)}}`)).join('')}"`;
  if (typeof e === 'string') return hclString(e);
  if (typeof e === 'number' || typeof e === 'boolean') return String(e);
  if (e === null) return 'null';
  if (Array.isArray(e)) {
    if (!e.length) return '[]';
    const inner = e.map((x) => expr(ctx, x, indent + '  '));
    const flat = `[${inner.join(', ')}]`;
    if (flat.length < 100 && !flat.includes('\n')) return flat;
    return `[\n${inner.map((x) => `${indent}  ${x},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(e);
  if (!entries.length) return '{}';
  const width = Math.max(...entries.map(([k]) => hclString(k).length));
  return `{\n${entries.map(([k, v]) => `${indent}  ${hclString(k).padEnd(width)} = ${expr(ctx, v as Expr, indent + '  ')}`).join('\n')}\n${indent}}`;
}

/** Arguments and blocks of one resource body, checked against the provider's schema as written. */
function body(ctx: Ctx, schema: BlockSchema, values: Record<string, Expr | undefined>, indent: string, where: string): string[] {
  const lines: string[] = [];
  const attrs: [string, Expr][] = [];
  const blocks: [string, Expr][] = [];
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) continue;
    if (schema.attributes[k]) attrs.push([k, v]);
    else if (schema.blocks[k]) blocks.push([k, v]);
    else ctx.cannot.add(`${where}: ${k} has no Terraform argument; it is left out`);
  }
  const width = Math.max(0, ...attrs.map(([k]) => k.length));
  for (const [k, v] of attrs) lines.push(`${indent}${k.padEnd(width)} = ${expr(ctx, v, indent)}`);
  for (const [k, v] of blocks) {
    const items = Array.isArray(v) ? v : [v];
    for (const item of items) {
      if (!item || typeof item !== 'object' || isRef(item) || isOutside(item) || isInterp(item) || Array.isArray(item)) continue;
      const inner = body(ctx, schema.blocks[k], snakeKeys(item as Record<string, Expr>), indent + '  ', `${where}.${k}`);
      lines.push(`${indent}${k} {`, ...inner, `${indent}}`);
    }
  }
  return lines;
}

function snakeKeys(o: Record<string, Expr>, renames: Record<string, string> = {}): Record<string, Expr> {
  const out: Record<string, Expr> = {};
  for (const [k, v] of Object.entries(o)) out[renames[k] ?? snake(k)] = v;
  return out;
}

/** The arguments of a resource as the provider names them. */
function argumentsOf(ctx: Ctx, res: Resolved): Record<string, Expr | undefined> {
  const r = res.resource;
  const s = { ...res.spec };
  switch (r.kind) {
    case 'serviceNetwork': {
      const sharing = s.sharingConfig as JsonObject | undefined;
      delete s.sharingConfig;
      if (sharing && sharing.enabled === true) ctx.cannot.add(`service network ${String(s.name)}: sharingConfig (enabled) has no argument in hashicorp/aws 6.25; set it outside Terraform`);
      break;
    }
    case 'targetGroup': {
      const config = s.config as { [k: string]: Expr } | undefined;
      const hc = config?.healthCheck as { [k: string]: Expr } | undefined;
      if (hc && hc.matcher && typeof hc.matcher === 'object' && 'httpCode' in (hc.matcher as object)) {
        hc.matcher = { value: (hc.matcher as { httpCode: Expr }).httpCode };
      }
      break;
    }
    case 'target':
      return { target_group_identifier: s.targetGroupIdentifier, target: { id: s.id, port: s.port } as Expr };
    case 'serviceNetworkVpcEndpoint': {
      const extra = r.extra ?? {};
      return {
        vpc_id: s.VpcId,
        vpc_endpoint_type: 'ServiceNetwork',
        service_network_arn: s.ServiceNetworkArn,
        subnet_ids: s.SubnetIds,
        security_group_ids: s.SecurityGroupIds,
        private_dns_enabled: extra.PrivateDnsEnabled as Expr | undefined,
        ip_address_type: extra.IpAddressType as Expr | undefined,
        dns_options: extra.DnsOptions ? (snakeKeys(extra.DnsOptions as Record<string, Expr>) as Expr) : undefined,
        tags: r.tags,
      };
    }
    case 'resourceShare':
      return { name: s.name, allow_external_principals: s.allowExternalPrincipals, tags: r.tags && Object.keys(r.tags).length ? r.tags : undefined };
    case 'shareAccepter':
      return { share_arn: s.shareArn };
    case 'authPolicy':
    case 'resourcePolicy':
      break;
  }
  const out = snakeKeys(s, RENAMES[r.kind]);
  if ('tags' in TERRAFORM_SCHEMA.resources[TF_TYPE[r.kind]].attributes && r.tags && Object.keys(r.tags).length) out.tags = r.tags;
  return out;
}

function policyArgument(ctx: Ctx, value: Expr, indent: string): string {
  return `jsonencode(${expr(ctx, value, indent)})`;
}

export function providerAlias(source: IacSource, account: string, region: string): string {
  return tfName(`${source.accountNames[account] ?? account} ${region}`);
}

/** What Terraform cannot say, whatever the estate. */
const ALWAYS: string[] = [];

export function exportTerraform(source: IacSource, options: ExportOptions = {}): ExportResult {
  const resolver = new Resolver(source);
  const ctx: Ctx = {
    resolver,
    names: new Map(),
    vars: new Map(),
    cannot: new Set(ALWAYS),
  };
  for (const [k, v] of uniqueNames(source.resources, resolver, tfName, (r) => TF_TYPE[r.kind])) ctx.names.set(k, v);
  const resolved = dependencyOrder(source.resources.map((r) => resolver.resolve(r)));
  const byAccount = new Map<string, Resolved[]>();
  for (const r of resolved) {
    if (!byAccount.has(r.resource.account)) byAccount.set(r.resource.account, []);
    byAccount.get(r.resource.account)!.push(r);
  }
  const regionsOf = new Map<string, Set<string>>();
  for (const r of source.resources) regionsOf.set(r.account, (regionsOf.get(r.account) ?? new Set()).add(r.region));

  const accountFiles: ExportFile[] = [];
  let imports = 0;
  let attachments = 0;
  for (const account of [...byAccount.keys()].sort((a, b) => (source.accountNames[a] ?? a).localeCompare(source.accountNames[b] ?? b))) {
    const lines: string[] = [];
    for (const res of byAccount.get(account)!) {
      const r = res.resource;
      const type = TF_TYPE[r.kind];
      const name = ctx.names.get(r.key)!;
      const provider = `aws.${providerAlias(source, r.account, r.region)}`;
      const args = argumentsOf(ctx, res);
      const schema = TERRAFORM_SCHEMA.resources[type];
      let policy: Expr | undefined;
      if ((r.kind === 'authPolicy' || r.kind === 'resourcePolicy') && args.policy !== undefined) {
        policy = args.policy;
        delete args.policy;
      }
      lines.push(`resource "${type}" "${name}" {`, `  provider = ${provider}`, ''); // a blank line, as terraform fmt aligns each run of lines on its own
      lines.push(...body(ctx, schema, args, '  ', `${type}.${name}`));
      if (policy !== undefined) lines.push(`  policy = ${typeof policy === 'string' ? hclString(policy) : policyArgument(ctx, policy, '  ')}`);
      lines.push('}', '');
      if (r.kind === 'target') attachments++;
      const importId = options.imports === false ? undefined : terraformImportId(r);
      if (importId) {
        imports++;
        lines.push('import {', `  provider = ${provider}`, `  to       = ${type}.${name}`, `  id       = ${hclString(importId)}`, '}', '');
      }
      // RAM principals and resources are resources of their own in Terraform.
      if (r.kind === 'resourceShare') {
        const shareRef = `${type}.${name}.arn`;
        const principals = (r.spec.principals as string[] | undefined) ?? [];
        const shared = (res.spec.resourceArns as Expr[] | undefined) ?? [];
        principals.forEach((p) => {
          const pn = tfName(`${name} ${source.accountNames[p] ?? p}`);
          lines.push(`resource "aws_ram_principal_association" "${pn}" {`, `  provider = ${provider}`, '', `  principal          = ${hclString(p)}`, `  resource_share_arn = ${shareRef}`, '}', '');
          if (r.arn && options.imports !== false) {
            imports++;
            lines.push('import {', `  provider = ${provider}`, `  to       = aws_ram_principal_association.${pn}`, `  id       = ${hclString(`${r.arn},${p}`)}`, '}', '');
          }
        });
        shared.forEach((e, i) => {
          const raw = (r.spec.resourceArns as string[])[i];
          const t = isRef(e) ? resolver.byKey.get(e.$ref) : undefined;
          const rn = tfName(`${name} ${t ? ctx.names.get(t.key) : (parseArn(raw)?.resourceId ?? raw)}`);
          lines.push(`resource "aws_ram_resource_association" "${rn}" {`, `  provider = ${provider}`, '', `  resource_arn       = ${expr(ctx, e, '  ')}`, `  resource_share_arn = ${shareRef}`, '}', '');
          if (r.arn && options.imports !== false) {
            imports++;
            lines.push('import {', `  provider = ${provider}`, `  to       = aws_ram_resource_association.${rn}`, `  id       = ${hclString(`${r.arn},${raw}`)}`, '}', '');
          }
        });
      }
    }
    const accountName = source.accountNames[account] ?? account;
    accountFiles.push({ path: `terraform/${tfName(accountName).replace(/_/g, '-')}.tf`, content: `# Account ${accountName} (${account}).\n\n${lines.join('\n')}` });
  }
  if (attachments && options.imports !== false) {
    ctx.cannot.add('aws_vpclattice_target_group_attachment has no import: the first apply registers the targets again, which leaves a registered target as it is');
  }

  // Providers: one alias per account and region, assuming a role in the account.
  const providerLines = ['terraform {', '  required_providers {', '    aws = {', '      source  = "hashicorp/aws"', '      version = "~> 6.0"', '    }', '  }', '}', ''];
  const needRoleVar = [...regionsOf.keys()].some((a) => !options.roleArns?.[a]);
  for (const account of [...regionsOf.keys()].sort()) {
    for (const region of [...regionsOf.get(account)!].sort()) {
      const role = options.roleArns?.[account];
      providerLines.push(
        'provider "aws" {',
        `  alias  = "${providerAlias(source, account, region)}"`,
        `  region = "${region}"`,
        '  assume_role {',
        `    role_arn = ${role ? hclString(role) : `"arn:aws:iam::${account}:role/\${var.assume_role_name}"`}`,
        '  }',
        `  allowed_account_ids = ["${account}"]`,
        '}',
        '',
      );
    }
  }
  const varLines: string[] = [];
  if (needRoleVar) varLines.push('variable "assume_role_name" {', '  type        = string', '  description = "The role Terraform assumes in each account (the accounts\' roles were not known to the export)."', '}', '');
  for (const v of [...ctx.vars.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    varLines.push(`variable "${v.name}" {`, '  type        = string', `  description = ${hclString(v.description)}`);
    if (v.value !== undefined) varLines.push(`  default     = ${hclString(v.value)}`);
    varLines.push('}', '');
  }

  const header = [
    `# Generated by Trellis from ${source.title}, for the hashicorp/aws provider 6 (checked against ${TERRAFORM_SCHEMA.source}).`,
    `# ${source.resources.length} resources; ${imports} import blocks adopt the live ones, so \`terraform plan\` after import shows no change.`,
    ...(ctx.cannot.size ? ['#', '# What this Terraform cannot express:', ...[...ctx.cannot].sort().map((c) => `#  - ${c}`)] : []),
    ...(source.notes.length ? ['#', '# Notes:', ...source.notes.map((n) => `#  - ${n}`)] : []),
    '',
  ].join('\n');
  const files: ExportFile[] = [
    { path: 'terraform/providers.tf', content: `${header}\n${providerLines.join('\n')}` },
    ...(varLines.length ? [{ path: 'terraform/variables.tf', content: `# Values this export refers to but does not hold; the defaults are what the estate holds now.\n\n${varLines.join('\n')}` }] : []),
    ...accountFiles,
  ];
  return { files, notes: [...source.notes, ...[...ctx.cannot].sort()], summary: { resources: source.resources.length, imports, variables: ctx.vars.size } };
}
