// The service models read as an independent oracle for the SDK-level suites: output
// checking (required members, enums, patterns, lengths, ranges) and constraint-breaking
// input variants. Deliberately separate from the emulator's own loader and validator, so a
// bug there cannot hide itself here.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type ServiceKey = 'lattice' | 'ram' | 'ec2' | 'sts';

export interface Member {
  shape: string;
  location?: 'uri' | 'querystring' | 'header' | 'headers' | 'statusCode';
  locationName?: string;
  idempotencyToken?: boolean;
}

export interface Shape {
  type: string;
  members?: Record<string, Member>;
  required?: string[];
  member?: Member;
  key?: Member;
  value?: Member;
  enum?: string[];
  min?: number;
  max?: number;
  pattern?: string;
  union?: boolean;
  exception?: boolean;
  error?: { httpStatusCode?: number; code?: string };
}

export interface Operation {
  name: string;
  http: { method: string; requestUri: string; responseCode?: number };
  input?: { shape: string };
  output?: { shape: string };
  errors?: { shape: string }[];
}

export interface Model {
  key: ServiceKey;
  metadata: { protocol: string; serviceId: string; endpointPrefix: string };
  operations: Record<string, Operation>;
  shapes: Record<string, Shape>;
}

const MODEL_FILES: Record<ServiceKey, string> = {
  lattice: 'vpc-lattice.service.json',
  ram: 'ram.service.json',
  ec2: 'ec2-subset.service.json',
  sts: 'sts.service.json',
};

const cache = new Map<ServiceKey, Model>();

export function loadModel(key: ServiceKey): Model {
  const hit = cache.get(key);
  if (hit) return hit;
  const file = fileURLToPath(new URL(`../../../models/${MODEL_FILES[key]}`, import.meta.url));
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Omit<Model, 'key'>;
  const model: Model = { ...raw, key };
  cache.set(key, model);
  return model;
}

const regexCache = new Map<string, RegExp | null>();

/** The model's pattern as an anchored JS regex (models match whole values), or null if JS cannot compile it. */
export function patternRegex(pattern: string): RegExp | null {
  if (regexCache.has(pattern)) return regexCache.get(pattern) ?? null;
  let re: RegExp | null = null;
  // Java's `\u10000` (five or six hex digits) is a code point; JavaScript spells it `\u{10000}`.
  const source = `^(?:${pattern.replace(/\\u([0-9A-Fa-f]{5,6})/g, '\\u{$1}')})$`;
  try {
    re = new RegExp(source, 'u');
  } catch {
    try {
      re = new RegExp(`^(?:${pattern})$`);
    } catch {
      re = null;
    }
  }
  regexCache.set(pattern, re);
  return re;
}

function charLength(s: string): number {
  return [...s].length;
}

/**
 * Enums whose values AWS sends in another case than the model declares: EC2's VPC endpoint
 * `State` is `available`, `pendingAcceptance`… on the wire though the model says `Available`
 * (https://docs.aws.amazon.com/vpc/latest/privatelink/vpce-interface.html#vpce-interface-lifecycle).
 */
const WIRE_CASE_ENUMS = new Set(['State']);

function inEnum(shapeName: string, values: readonly string[], value: string): boolean {
  return values.includes(value) || (WIRE_CASE_ENUMS.has(shapeName) && values.some((v) => v.toLowerCase() === value.toLowerCase()));
}

/** Problems with `value` as an instance of `shapeName` (as the SDK deserialized it). Empty when it conforms. */
export function checkOutput(model: Model, shapeName: string, value: unknown, path = ''): string[] {
  const shape = model.shapes[shapeName];
  if (!shape) return [`${path || '(root)'}: unknown shape ${shapeName}`];
  const at = path || '(root)';
  const problems: string[] = [];
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${at}: expected an object, got ${describe(value)}`];
      const obj = value as Record<string, unknown>;
      for (const req of shape.required ?? []) {
        if (obj[req] === undefined || obj[req] === null) problems.push(`${join(path, req)}: required member missing`);
      }
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        if (obj[name] === undefined || obj[name] === null) continue;
        problems.push(...checkOutput(model, member.shape, obj[name], join(path, name)));
      }
      if (shape.union) {
        const set = Object.keys(shape.members ?? {}).filter((k) => obj[k] !== undefined && obj[k] !== null);
        if (set.length !== 1 && !(set.length === 0 && '$unknown' in obj)) problems.push(`${at}: union must have exactly one member, has ${set.length}`);
      }
      return problems;
    }
    case 'list': {
      if (!Array.isArray(value)) return [`${at}: expected a list, got ${describe(value)}`];
      if (shape.min !== undefined && value.length < shape.min) problems.push(`${at}: ${value.length} items, min ${shape.min}`);
      if (shape.max !== undefined && value.length > shape.max) problems.push(`${at}: ${value.length} items, max ${shape.max}`);
      value.forEach((item, i) => problems.push(...checkOutput(model, shape.member!.shape, item, `${path}[${i}]`)));
      return problems;
    }
    case 'map': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${at}: expected a map, got ${describe(value)}`];
      const entries = Object.entries(value as Record<string, unknown>);
      if (shape.min !== undefined && entries.length < shape.min) problems.push(`${at}: ${entries.length} entries, min ${shape.min}`);
      if (shape.max !== undefined && entries.length > shape.max) problems.push(`${at}: ${entries.length} entries, max ${shape.max}`);
      for (const [k, v] of entries) {
        problems.push(...checkOutput(model, shape.key!.shape, k, `${path}{key ${k}}`));
        problems.push(...checkOutput(model, shape.value!.shape, v, `${path}.${k}`));
      }
      return problems;
    }
    case 'string': {
      if (typeof value !== 'string') return [`${at}: expected a string, got ${describe(value)}`];
      if (shape.enum && !inEnum(shapeName, shape.enum, value)) problems.push(`${at}: '${value}' is not one of ${shape.enum.join('|')}`);
      const len = charLength(value);
      if (shape.min !== undefined && len < shape.min) problems.push(`${at}: length ${len} < min ${shape.min}`);
      if (shape.max !== undefined && len > shape.max) problems.push(`${at}: length ${len} > max ${shape.max}`);
      if (shape.pattern) {
        const re = patternRegex(shape.pattern);
        if (re && !re.test(value)) problems.push(`${at}: '${value}' does not match /${shape.pattern}/`);
      }
      return problems;
    }
    case 'integer':
    case 'long':
    case 'float':
    case 'double': {
      if (typeof value !== 'number' || Number.isNaN(value)) return [`${at}: expected a number, got ${describe(value)}`];
      if ((shape.type === 'integer' || shape.type === 'long') && !Number.isInteger(value)) problems.push(`${at}: ${value} is not an integer`);
      if (shape.min !== undefined && value < shape.min) problems.push(`${at}: ${value} < min ${shape.min}`);
      if (shape.max !== undefined && value > shape.max) problems.push(`${at}: ${value} > max ${shape.max}`);
      return problems;
    }
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${at}: expected a boolean, got ${describe(value)}`];
    case 'timestamp':
      return value instanceof Date && !Number.isNaN(value.getTime()) ? [] : [`${at}: expected a timestamp, got ${describe(value)}`];
    case 'blob':
      return [];
    default:
      return [`${at}: unhandled shape type ${shape.type}`];
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a Date';
  return typeof value === 'string' ? `string '${value.slice(0, 40)}'` : typeof value;
}

function join(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

// ---------------------------------------------------------------------------------------
// Constraint-breaking variants of a valid input.

export interface Violation {
  /** Dotted path of the broken member, e.g. `config.port` or `targets[0].id`. */
  path: string;
  /** Top-level member name (what a fieldList entry must at least name). */
  member: string;
  leaf: string;
  rule: 'required' | 'min-length' | 'max-length' | 'pattern' | 'enum' | 'min' | 'max' | 'min-items' | 'max-items';
  input: Record<string, unknown>;
  /** Where the broken member travels on the wire. */
  location: Member['location'] | 'body';
}

type Json = Record<string, unknown>;

const PATTERN_BREAKERS = ['INVALID VALUE!', '!!!', '-bad--value-', 'UPPER', '0000', '~', ' ', 'arn:aws:bogus'];

function breakPattern(shape: Shape): string | undefined {
  const re = shape.pattern ? patternRegex(shape.pattern) : null;
  if (!re) return undefined;
  const min = shape.min ?? 0;
  const max = shape.max ?? Number.MAX_SAFE_INTEGER;
  for (const base of PATTERN_BREAKERS) {
    let candidate = base;
    while (charLength(candidate) < min) candidate += base.at(-1) === ' ' ? '!' : base.slice(-1) || '!';
    if (charLength(candidate) > max) candidate = candidate.slice(0, max);
    if (charLength(candidate) < min || candidate.length === 0) continue;
    if (!re.test(candidate)) return candidate;
  }
  return undefined;
}

/** A minimal valid-looking instance of a shape: what fills a list past its maximum. */
function sampleValue(model: Model, shapeName: string): unknown {
  const shape = model.shapes[shapeName];
  if (shape.type === 'string') return shape.enum?.[0] ?? 'x'.repeat(Math.max(shape.min ?? 1, 1));
  if (shape.type === 'integer' || shape.type === 'long') return shape.min ?? 1;
  if (shape.type === 'boolean') return false;
  if (shape.type === 'structure') {
    // Every required member, so that the protocol serializes the item at all.
    const out: Record<string, unknown> = {};
    const names = shape.required?.length ? shape.required : Object.keys(shape.members ?? {}).slice(0, 1);
    for (const name of names) out[name] = sampleValue(model, shape.members![name].shape);
    return out;
  }
  return undefined;
}

function sampleItem(model: Model, memberShape: string, existing: unknown[]): unknown {
  if (existing.length > 0) return existing[0];
  return sampleValue(model, memberShape);
}

function setAt(root: Json, path: (string | number)[], value: unknown | typeof DELETE): Json {
  const copy = structuredClone(root) as Json;
  let cursor: Record<string | number, unknown> = copy;
  for (let i = 0; i < path.length - 1; i++) cursor = cursor[path[i]] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (value === DELETE) delete cursor[last];
  else cursor[last] = value;
  return copy;
}

const DELETE = Symbol('delete');

function pathString(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/**
 * Every single-constraint violation of `input` (a valid instance of `shapeName`) that can
 * travel through the SDK: a broken value the client serializes unchanged. Skipped: empty or
 * missing URI labels (the SDK refuses to build the URL) and strings whose pattern accepts
 * anything.
 */
export function violations(model: Model, shapeName: string, input: Json): Violation[] {
  const out: Violation[] = [];
  walk(model, shapeName, input, [], undefined, out, input);
  return out;
}

function walk(model: Model, shapeName: string, value: Json, path: (string | number)[], topLocation: Member['location'] | undefined, out: Violation[], root: Json): void {
  const shape = model.shapes[shapeName];
  if (shape.type !== 'structure') return;
  for (const [name, member] of Object.entries(shape.members ?? {})) {
    if (member.location === 'statusCode' || member.location === 'headers') continue;
    const location = path.length === 0 ? member.location : topLocation;
    const memberPath = [...path, name];
    const ms = model.shapes[member.shape];
    const present = value[name] !== undefined;
    const push = (rule: Violation['rule'], broken: unknown) =>
      out.push({ path: pathString(memberPath), member: String(memberPath[0]), leaf: name, rule, input: setAt(root, memberPath, broken), location: location ?? 'body' });
    const isLabel = location === 'uri';
    // Setting a second member of a union would break the union rule as well as the member's own.
    if (shape.union && !present) continue;
    if ((shape.required ?? []).includes(name) && present && !isLabel && !shape.union) push('required', DELETE);
    switch (ms.type) {
      case 'string': {
        if (ms.enum) {
          push('enum', 'NOT_A_VALID_VALUE');
          break;
        }
        if (member.idempotencyToken && !present) {
          // The SDK fills a missing token; an explicit bad one still travels.
        }
        if (ms.min !== undefined && ms.min > 0 && !(isLabel && ms.min - 1 === 0)) push('min-length', 'a'.repeat(ms.min - 1));
        if (ms.max !== undefined && ms.max < 100_000) push('max-length', 'a'.repeat(ms.max + 1));
        const broken = breakPattern(ms);
        if (broken !== undefined && !(isLabel && broken.length === 0)) push('pattern', broken);
        break;
      }
      case 'integer':
      case 'long': {
        if (ms.min !== undefined) push('min', ms.min - 1);
        if (ms.max !== undefined) push('max', ms.max + 1);
        break;
      }
      case 'list': {
        const current = Array.isArray(value[name]) ? (value[name] as unknown[]) : [];
        // Query protocols cannot carry an empty list distinctly from an absent one.
        const queryProtocol = model.metadata.protocol === 'query' || model.metadata.protocol === 'ec2';
        if (ms.min !== undefined && ms.min > 0 && location !== 'querystring' && !queryProtocol) push('min-items', current.slice(0, ms.min - 1));
        if (ms.max !== undefined && ms.max < 10_000 && (present || location === undefined)) {
          const item = sampleItem(model, ms.member!.shape, current);
          push('max-items', Array.from({ length: ms.max + 1 }, (_, i) => (typeof item === 'string' && model.shapes[ms.member!.shape].enum === undefined ? `${item}${i}`.slice(0, model.shapes[ms.member!.shape].max ?? 1000) : structuredClone(item))));
        }
        if (present) {
          const first = current[0];
          if (first && typeof first === 'object' && model.shapes[ms.member!.shape].type === 'structure') walk(model, ms.member!.shape, first as Json, [...memberPath, 0], location, out, root);
        }
        break;
      }
      case 'map': {
        if (ms.max !== undefined && ms.max < 10_000) {
          const entries: Json = {};
          for (let i = 0; i <= ms.max; i++) entries[`k${i}`] = 'v';
          push('max-items', entries);
        }
        break;
      }
      case 'structure': {
        if (present) walk(model, member.shape, value[name] as Json, memberPath, location, out, root);
        break;
      }
      default:
        break;
    }
  }
}

