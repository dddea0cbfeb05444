// Checks Terraform, as HashiCorp's HCL parser reads it into JSON (@cdktf/hcl2json), against the
// vendored provider schema: every resource type known, every argument and block known where it
// stands, every required argument and block present. Pure: the parse happens in the caller.
import { TERRAFORM_SCHEMA, type BlockSchema } from './terraform';

export interface SchemaIssue {
  file: string;
  at: string;
  message: string;
}

const META = new Set(['provider', 'depends_on', 'count', 'for_each', 'lifecycle']);

function checkBlock(schema: BlockSchema, body: Record<string, unknown>, file: string, at: string, issues: SchemaIssue[], top: boolean) {
  for (const [k, v] of Object.entries(body)) {
    if (top && META.has(k)) continue;
    if (schema.attributes[k]) {
      if (Array.isArray(v) && v.length && typeof v[0] === 'object' && v[0] !== null && !Array.isArray(v[0]) && schema.attributes[k].type !== 'list') {
        issues.push({ file, at: `${at}.${k}`, message: `${k} is an argument, written as a block` });
      }
      continue;
    }
    const block = schema.blocks[k];
    if (!block) {
      issues.push({ file, at: `${at}.${k}`, message: `${k} is neither an argument nor a block of ${at.split('.')[0]}` });
      continue;
    }
    const items = Array.isArray(v) ? v : [v];
    if (!block.repeated && items.length > 1) issues.push({ file, at: `${at}.${k}`, message: `block ${k} may appear once, appears ${items.length} times` });
    for (const item of items) {
      if (!item || typeof item !== 'object' || Array.isArray(item)) {
        issues.push({ file, at: `${at}.${k}`, message: `${k} is a block, written as an argument` });
        continue;
      }
      checkBlock(block, item as Record<string, unknown>, file, `${at}.${k}`, issues, false);
    }
  }
  for (const [k, a] of Object.entries(schema.attributes)) if (a.required && !(k in body)) issues.push({ file, at, message: `required argument ${k} is missing` });
  for (const [k, b] of Object.entries(schema.blocks)) if (b.required && !(k in body)) issues.push({ file, at, message: `required block ${k} is missing` });
}

/** Issues in one file's parsed JSON (`{ resource: { type: { name: [body] } }, … }`). */
export function checkTerraform(file: string, parsed: Record<string, unknown>): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const resources = (parsed.resource ?? {}) as Record<string, Record<string, Record<string, unknown>[]>>;
  for (const [type, byName] of Object.entries(resources)) {
    const schema = TERRAFORM_SCHEMA.resources[type];
    if (!schema) {
      issues.push({ file, at: type, message: `resource type ${type} is not in the vendored schema` });
      continue;
    }
    for (const [name, bodies] of Object.entries(byName)) {
      for (const b of bodies) checkBlock(schema, b, file, `${type}.${name}`, issues, true);
    }
  }
  const imports = (parsed.import ?? []) as Record<string, unknown>[];
  for (const imp of imports) {
    if (typeof imp.to !== 'string' || typeof imp.id !== 'string') issues.push({ file, at: 'import', message: 'an import block needs to and id' });
  }
  return issues;
}
