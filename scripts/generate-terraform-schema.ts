// Regenerates lib/iac/terraform-schema.generated.json: the arguments and blocks of the Terraform
// resource types Trellis exports, as the hashicorp/aws provider declares them. The source is
// @cdktf/provider-aws, whose TypeScript declarations are generated from the provider's own
// schema (21.22.1 embeds hashicorp/aws 6.25.0). Prebuilt bindings stopped at that version, so
// the schema is a frozen snapshot; bump PROVIDER_AWS_VERSION when a newer one is published.
//
//   npx tsx scripts/generate-terraform-schema.ts                # npm-packs the package into a temp dir
//   npx tsx scripts/generate-terraform-schema.ts /path/to/package   # an unpacked @cdktf/provider-aws
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TERRAFORM_TYPES } from '../lib/iac/terraform-types';

const PROVIDER_AWS_VERSION = '21.22.1';

interface AttributeSchema {
  required: boolean;
  /** string, number, bool, list, map */
  type: string;
}
interface BlockSchema {
  required: boolean;
  /** True when the block may repeat (a list or set of objects). */
  repeated: boolean;
  attributes: Record<string, AttributeSchema>;
  blocks: Record<string, BlockSchema>;
}

function packageDir(): string {
  const given = process.argv[2];
  if (given) return given;
  const dir = mkdtempSync(path.join(tmpdir(), 'provider-aws-'));
  execFileSync('npm', ['pack', `@cdktf/provider-aws@${PROVIDER_AWS_VERSION}`, '--silent'], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
  const tgz = `cdktf-provider-aws-${PROVIDER_AWS_VERSION}.tgz`;
  const members = TERRAFORM_TYPES.map((t) => `package/lib/${t.replace(/^aws_/, '').replace(/_/g, '-')}/index.d.ts`);
  execFileSync('tar', ['xzf', tgz, ...members], { cwd: dir });
  return path.join(dir, 'package');
}

interface Prop {
  name: string;
  optional: boolean;
  type: string;
}

/** Interfaces of one declaration file: name → properties (the doc anchor gives the snake_case name). */
function interfaces(source: string): Map<string, Prop[]> {
  const out = new Map<string, Prop[]>();
  const re = /export interface (\w+)(?: extends [\w.]+)? \{([\s\S]*?)\n\}/g;
  for (const m of source.matchAll(re)) {
    const props: Prop[] = [];
    const body = m[2];
    const propRe = /#(\w+) [^\n]*\n(?:[^\n]*\n)*?\s*readonly (\w+)(\?)?: ([^;]+);/g;
    for (const p of body.matchAll(propRe)) props.push({ name: p[1], optional: p[3] === '?', type: p[4].replace(/\s+/g, ' ').trim() });
    out.set(m[1], props);
  }
  return out;
}

function attributeType(type: string): string {
  if (type.startsWith('string[]')) return 'list';
  if (type.startsWith('number[]')) return 'list';
  if (type.startsWith('{')) return 'map';
  if (type.startsWith('boolean')) return 'bool';
  if (type.startsWith('number')) return 'number';
  return 'string';
}

function block(all: Map<string, Prop[]>, name: string, required: boolean, repeated: boolean): BlockSchema {
  const schema: BlockSchema = { required, repeated, attributes: {}, blocks: {} };
  for (const p of all.get(name) ?? []) {
    const ref = /^(\w+)(\[\])?/.exec(p.type);
    if (ref && all.has(ref[1])) {
      schema.blocks[p.name] = block(all, ref[1], !p.optional, !!ref[2]);
    } else {
      schema.attributes[p.name] = { required: !p.optional, type: attributeType(p.type) };
    }
  }
  return schema;
}

function main() {
  const dir = packageDir();
  const schema: Record<string, BlockSchema> = {};
  for (const type of TERRAFORM_TYPES) {
    const file = path.join(dir, 'lib', type.replace(/^aws_/, '').replace(/_/g, '-'), 'index.d.ts');
    if (!existsSync(file)) throw new Error(`${file} is missing: is ${dir} an unpacked @cdktf/provider-aws?`);
    const source = readFileSync(file, 'utf8');
    const declared = /static readonly tfResourceType = "(\w+)"/.exec(source)?.[1];
    if (declared !== type) throw new Error(`${file} declares ${declared}, expected ${type}`);
    const all = interfaces(source);
    const config = [...all.keys()].find((k) => k.endsWith('Config') && source.includes(`export interface ${k} extends cdktf.TerraformMetaArguments`));
    if (!config) throw new Error(`no config interface in ${file}`);
    const root = block(all, config, true, false);
    delete root.attributes.id;
    delete root.attributes.tags_all;
    schema[type] = root;
  }
  const providerVersion = /hashicorp\/aws\/([\d.]+)\//.exec(readFileSync(path.join(dir, 'lib', 'vpclattice-service', 'index.d.ts'), 'utf8'))?.[1];
  const out = { source: `@cdktf/provider-aws ${PROVIDER_AWS_VERSION} (hashicorp/aws ${providerVersion})`, resources: schema };
  const target = path.join(__dirname, '..', 'lib', 'iac', 'terraform-schema.generated.json');
  writeFileSync(target, JSON.stringify(out, null, 1) + '\n');
  console.log(`wrote ${target}: ${Object.keys(schema).length} resource types from ${out.source}`);
}

main();
