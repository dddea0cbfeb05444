// The AWS query protocols: form-encoded requests (`Action=…&Version=…`) answered in XML.
// `ec2` flattens every list as `Name.N` and wraps lists in `<item>`; `query` (STS) uses
// `Name.member.N` and wraps results in `<OpResult>` with `<ResponseMetadata>`.
import type { MemberRef, Operation, ServiceModel, Shape } from '@/lib/models';
import { xmlEscape } from './errors';
import { formatTimestamp, readScalar, timestampFormatOf } from './shapes';

export type QueryDialect = 'ec2' | 'query';

export function parseForm(body: Buffer): Map<string, string> {
  const params = new Map<string, string>();
  for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params.set(k, v);
  return params;
}

function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** The name a member travels under in a request, per dialect. */
function requestName(dialect: QueryDialect, name: string, member: MemberRef): string {
  if (dialect === 'ec2') return member.queryName ?? (member.locationName ? capitalize(member.locationName) : name);
  return member.locationName ?? name;
}


/** Reads the operation's input shape from flat form parameters. */
export function readQueryInput(model: ServiceModel, operation: Operation, params: Map<string, string>, dialect: QueryDialect): Record<string, unknown> {
  if (!operation.input) return {};
  const prefixes = new Set<string>();
  for (const key of params.keys()) {
    const parts = key.split('.');
    for (let i = 1; i <= parts.length; i++) prefixes.add(parts.slice(0, i).join('.'));
  }

  function read(shapeName: string, member: MemberRef | undefined, path: string): unknown {
    const shape = model.shapes[shapeName]!;
    switch (shape.type) {
      case 'structure': {
        const out: Record<string, unknown> = {};
        for (const [name, m] of Object.entries(shape.members ?? {})) {
          const key = path ? `${path}.${requestName(dialect, name, m)}` : requestName(dialect, name, m);
          if (!prefixes.has(key)) continue;
          const value = read(m.shape, m, key);
          if (value !== undefined) out[name] = value;
        }
        return path && Object.keys(out).length === 0 ? undefined : out;
      }
      case 'list': {
        const flattened = dialect === 'ec2' || member?.flattened || shape.flattened;
        const base = flattened ? path : `${path}.${shape.member!.locationName ?? 'member'}`;
        const items: unknown[] = [];
        for (let i = 1; prefixes.has(`${base}.${i}`); i++) items.push(read(shape.member!.shape, shape.member, `${base}.${i}`));
        if (items.length === 0 && params.get(path) === '') return [];
        return items;
      }
      case 'map': {
        const flattened = member?.flattened || shape.flattened;
        const base = flattened ? path : `${path}.entry`;
        const out: Record<string, unknown> = {};
        for (let i = 1; prefixes.has(`${base}.${i}`); i++) {
          const k = params.get(`${base}.${i}.${shape.key!.locationName ?? 'key'}`);
          if (k !== undefined) out[k] = read(shape.value!.shape, shape.value, `${base}.${i}.${shape.value!.locationName ?? 'value'}`);
        }
        return out;
      }
      default: {
        const raw = params.get(path);
        return raw === undefined ? undefined : readScalar(shape, raw);
      }
    }
  }

  return read(operation.input.shape, undefined, '') as Record<string, unknown>;
}

function xmlValue(model: ServiceModel, shapeName: string, member: MemberRef | undefined, value: unknown, dialect: QueryDialect): string {
  const shape = model.shapes[shapeName]!;
  switch (shape.type) {
    case 'structure': {
      const source = value as Record<string, unknown>;
      let out = '';
      for (const [name, m] of Object.entries(shape.members ?? {})) {
        const v = source[name];
        if (v === undefined || v === null) continue;
        out += xmlElement(model, name, m, v, dialect);
      }
      return out;
    }
    case 'timestamp':
      return String(formatTimestamp(value, timestampFormatOf(member, shape, 'iso8601')));
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return xmlEscape(String(value));
  }
}

function xmlElement(model: ServiceModel, name: string, member: MemberRef, value: unknown, dialect: QueryDialect): string {
  const shape = model.shapes[member.shape]!;
  const tag = member.locationName ?? name;
  if (shape.type === 'list') {
    if (!Array.isArray(value)) return '';
    const itemTag = shape.member!.locationName ?? (dialect === 'ec2' ? 'item' : 'member');
    if (member.flattened || shape.flattened) {
      return value.map((item) => `<${tag}>${xmlValue(model, shape.member!.shape, shape.member, item, dialect)}</${tag}>`).join('');
    }
    const items = value.map((item) => `<${itemTag}>${xmlValue(model, shape.member!.shape, shape.member, item, dialect)}</${itemTag}>`).join('');
    return `<${tag}>${items}</${tag}>`;
  }
  if (shape.type === 'map') {
    const entries = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `<entry><key>${xmlEscape(k)}</key><value>${xmlValue(model, shape.value!.shape, shape.value, v, dialect)}</value></entry>`)
      .join('');
    return `<${tag}>${entries}</${tag}>`;
  }
  return `<${tag}>${xmlValue(model, member.shape, member, value, dialect)}</${tag}>`;
}

/** The success answer in XML, as the dialect wraps it. */
export function writeQueryOutput(
  model: ServiceModel,
  operation: Operation,
  output: unknown,
  requestId: string,
  dialect: QueryDialect,
): { status: number; headers: Record<string, string>; body: string } {
  const ns = model.metadata.xmlNamespace ?? '';
  const members = operation.output ? xmlValue(model, operation.output.shape, undefined, output ?? {}, dialect) : '';
  const name = operation.name;
  let body: string;
  if (dialect === 'ec2') {
    body = `<?xml version="1.0" encoding="UTF-8"?>\n<${name}Response xmlns="${ns}/"><requestId>${requestId}</requestId>${members}</${name}Response>`;
  } else {
    const wrapper = operation.output?.resultWrapper;
    const result = wrapper ? `<${wrapper}>${members}</${wrapper}>` : members;
    body = `<${name}Response xmlns="${ns}">${result}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${name}Response>`;
  }
  return { status: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
}
