// Input validation derived from a service model: required members, lengths, patterns, ranges,
// enums, list and map sizes, unions, checked recursively. Every rule comes from the shapes.
import type { ServiceModel, Shape } from './loader';

export interface ValidationIssue {
  /** Member path as the caller wrote it: `name`, `config.healthCheck.port`, `targets[0].id`. */
  path: string;
  /** The rule that failed, in the words AWS uses ("Member must …"). */
  rule: string;
  /** The offending value, when there is one. */
  value?: unknown;
  /** `type` when the value is not even of the modeled type (a parse problem, not a constraint). */
  kind: 'constraint' | 'type';
}

export type Validator = (shapeName: string | undefined, value: unknown) => ValidationIssue[];

/** Models write Java-flavoured regular expressions; make them JavaScript, anchored as AWS matches them. */
export function compilePattern(pattern: string): RegExp {
  // `\u10000` style escapes (5-6 hex digits) only exist as code points in the `u` flag's `\u{…}` form.
  const source = `^(?:${pattern.replace(/\\u([0-9A-Fa-f]{5,6})/g, '\\u{$1}')})$`;
  try {
    return new RegExp(source, 'u');
  } catch {
    // Some patterns use identity escapes (`\-` outside a class) that only non-unicode mode accepts.
    return new RegExp(source.replace(/\\u\{([0-9A-Fa-f]+)\}/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16))));
  }
}

function codePointLength(value: string): number {
  // Surrogate pairs count once, as AWS counts characters.
  let n = value.length;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}

const isInteger = (t: Shape['type']) => t === 'integer' || t === 'long';
const isNumber = (t: Shape['type']) => isInteger(t) || t === 'double' || t === 'float';

/** Builds the validator of one model, compiling every pattern once. */
export function buildValidator(model: ServiceModel): Validator {
  const patterns = new Map<string, RegExp>();
  for (const [name, shape] of Object.entries(model.shapes)) {
    if (shape.type === 'string' && shape.pattern !== undefined) patterns.set(name, compilePattern(shape.pattern));
  }

  function check(shapeName: string, value: unknown, path: string, issues: ValidationIssue[]): void {
    const shape = model.shapes[shapeName];
    if (!shape || value === undefined || value === null) return;
    switch (shape.type) {
      case 'structure': {
        if (typeof value !== 'object' || Array.isArray(value)) {
          issues.push({ path, rule: 'Member must be a structure', value, kind: 'type' });
          return;
        }
        const record = value as Record<string, unknown>;
        const members = shape.members ?? {};
        for (const name of shape.required ?? []) {
          if (record[name] === undefined || record[name] === null) {
            issues.push({ path: join(path, name), rule: 'Member must not be null', kind: 'constraint' });
          }
        }
        let set = 0;
        for (const [name, member] of Object.entries(members)) {
          const memberValue = record[name];
          if (memberValue === undefined || memberValue === null) continue;
          set++;
          check(member.shape, memberValue, join(path, name), issues);
        }
        if (shape.union && set !== 1) {
          issues.push({
            path: path || '(input)',
            rule: `Exactly one member must be set, got ${set} (one of ${Object.keys(members).join(', ')})`,
            kind: 'constraint',
          });
        }
        return;
      }
      case 'list': {
        if (!Array.isArray(value)) {
          issues.push({ path, rule: 'Member must be a list', value, kind: 'type' });
          return;
        }
        sizeRule(shape, value.length, value, path, issues);
        value.forEach((item, i) => {
          if (item === null || item === undefined) {
            issues.push({ path: `${path}[${i}]`, rule: 'Member must not be null', kind: 'constraint' });
          } else check(shape.member!.shape, item, `${path}[${i}]`, issues);
        });
        return;
      }
      case 'map': {
        if (typeof value !== 'object' || Array.isArray(value)) {
          issues.push({ path, rule: 'Member must be a map', value, kind: 'type' });
          return;
        }
        const entries = Object.entries(value as Record<string, unknown>);
        sizeRule(shape, entries.length, value, path, issues);
        for (const [k, v] of entries) {
          check(shape.key!.shape, k, `${path}[${k}]`, issues);
          check(shape.value!.shape, v, `${path}[${k}]`, issues);
        }
        return;
      }
      case 'string': {
        if (typeof value !== 'string') {
          issues.push({ path, rule: 'Member must be a string', value, kind: 'type' });
          return;
        }
        if (shape.enum && !shape.enum.includes(value)) {
          issues.push({ path, rule: `Member must satisfy enum value set: [${shape.enum.join(', ')}]`, value, kind: 'constraint' });
          return;
        }
        // One issue per field: the first rule it breaks.
        const length = codePointLength(value);
        if (shape.min !== undefined && length < shape.min) {
          issues.push({ path, rule: `Member must have length greater than or equal to ${shape.min}`, value, kind: 'constraint' });
          return;
        }
        if (shape.max !== undefined && length > shape.max) {
          issues.push({ path, rule: `Member must have length less than or equal to ${shape.max}`, value, kind: 'constraint' });
          return;
        }
        const pattern = patterns.get(shapeName);
        if (pattern && !pattern.test(value)) {
          issues.push({ path, rule: `Member must satisfy regular expression pattern: ${shape.pattern}`, value, kind: 'constraint' });
        }
        return;
      }
      case 'boolean':
        if (typeof value !== 'boolean') issues.push({ path, rule: 'Member must be a boolean', value, kind: 'type' });
        return;
      case 'timestamp':
        if (!(value instanceof Date) && typeof value !== 'number' && typeof value !== 'string') {
          issues.push({ path, rule: 'Member must be a timestamp', value, kind: 'type' });
        }
        return;
      case 'blob':
        return;
      default: {
        if (!isNumber(shape.type)) return;
        if (typeof value !== 'number' || Number.isNaN(value) || (isInteger(shape.type) && !Number.isInteger(value))) {
          issues.push({ path, rule: `Member must be ${isInteger(shape.type) ? 'an integer' : 'a number'}`, value, kind: 'type' });
          return;
        }
        if (shape.min !== undefined && value < shape.min) {
          issues.push({ path, rule: `Member must have value greater than or equal to ${shape.min}`, value, kind: 'constraint' });
        }
        if (shape.max !== undefined && value > shape.max) {
          issues.push({ path, rule: `Member must have value less than or equal to ${shape.max}`, value, kind: 'constraint' });
        }
      }
    }
  }

  return (shapeName, value) => {
    const issues: ValidationIssue[] = [];
    if (shapeName) check(shapeName, value ?? {}, '', issues);
    return issues;
  };
}

function sizeRule(shape: Shape, size: number, value: unknown, path: string, issues: ValidationIssue[]): void {
  if (shape.min !== undefined && size < shape.min) {
    issues.push({ path, rule: `Member must have length greater than or equal to ${shape.min}`, value, kind: 'constraint' });
  } else if (shape.max !== undefined && size > shape.max) {
    issues.push({ path, rule: `Member must have length less than or equal to ${shape.max}`, value, kind: 'constraint' });
  }
}

function join(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

/** AWS's one-line summary of validation failures ("2 validation errors detected: Value … at '…' failed …"). */
export function describeIssues(issues: ValidationIssue[]): string {
  const parts = issues.map((issue) => {
    const shown = issue.value === undefined ? 'null' : `'${typeof issue.value === 'string' ? issue.value : JSON.stringify(issue.value)}'`;
    return `Value ${shown} at '${issue.path}' failed to satisfy constraint: ${issue.rule}`;
  });
  return `${issues.length} validation error${issues.length === 1 ? '' : 's'} detected: ${parts.join('; ')}`;
}
