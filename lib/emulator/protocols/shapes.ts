// Walking values through model shapes: keep only modeled members, format timestamps the way
// the protocol and the model say. Used by every protocol writer and by in-process calls.
import type { MemberRef, ServiceModel, Shape } from '@/lib/models';

export type TimestampFormat = 'iso8601' | 'unixTimestamp' | 'rfc822' | 'native';

export function toEpochMs(value: unknown): number | undefined {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const t = Date.parse(value);
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

// ISO-8601 texts of recent timestamps: a list answer formats the same creation and update times
// on every call, and each fresh Date and string would be garbage the next moment.
const isoTexts = new Map<number, string>();
const ISO_TEXTS_KEPT = 50_000;

function isoText(ms: number): string {
  let text = isoTexts.get(ms);
  if (text === undefined) {
    text = new Date(ms).toISOString();
    if (isoTexts.size >= ISO_TEXTS_KEPT) isoTexts.clear();
    isoTexts.set(ms, text);
  }
  return text;
}

export function formatTimestamp(value: unknown, format: TimestampFormat): unknown {
  const ms = toEpochMs(value);
  if (ms === undefined) return undefined;
  switch (format) {
    case 'iso8601':
      return isoText(ms);
    case 'unixTimestamp':
      return ms / 1000;
    case 'rfc822':
      return new Date(ms).toUTCString();
    case 'native':
      return new Date(ms);
  }
}

/** The timestamp format a member uses: member trait, then shape trait, then the protocol default. */
export function timestampFormatOf(member: MemberRef | undefined, shape: Shape, fallback: TimestampFormat): TimestampFormat {
  return (member?.timestampFormat ?? shape.timestampFormat ?? fallback) as TimestampFormat;
}

/** A structure's members in model order, listed once per shape (answers walk them per record). */
const memberLists = new WeakMap<Shape, [string, MemberRef][]>();

function membersOf(shape: Shape): [string, MemberRef][] {
  let members = memberLists.get(shape);
  if (!members) memberLists.set(shape, (members = Object.entries(shape.members ?? {})));
  return members;
}

/**
 * A copy of `value` holding only what `shapeName` models, timestamps formatted. `wireNames`
 * writes members under their serialized names (JSON keys); `bodyOnly` skips the top-level
 * members bound to headers, the URI or the query string.
 */
export function shapeValue(
  model: ServiceModel,
  shapeName: string,
  value: unknown,
  options: { timestamps: TimestampFormat; bodyOnly?: boolean; wireNames?: boolean; member?: MemberRef },
): unknown {
  return shaped(model, shapeName, value, options.timestamps, options.wireNames === true, options.member, options.bodyOnly === true);
}

function shaped(
  model: ServiceModel,
  shapeName: string,
  value: unknown,
  timestamps: TimestampFormat,
  wireNames: boolean,
  member: MemberRef | undefined,
  bodyOnly: boolean,
): unknown {
  const shape = model.shapes[shapeName];
  if (value === undefined || value === null || !shape) return undefined;
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object') return undefined;
      const source = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [name, ref] of membersOf(shape)) {
        if (bodyOnly && ref.location) continue;
        const v = shaped(model, ref.shape, source[name], timestamps, wireNames, ref, false);
        if (v !== undefined) out[wireNames ? (ref.locationName ?? name) : name] = v;
      }
      return out;
    }
    case 'list': {
      if (!Array.isArray(value)) return undefined;
      const item = shape.member!;
      const out: unknown[] = [];
      for (const v of value) {
        const shapedItem = shaped(model, item.shape, v, timestamps, wireNames, item, false);
        if (shapedItem !== undefined) out.push(shapedItem);
      }
      return out;
    }
    case 'map': {
      if (typeof value !== 'object') return undefined;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const shapedValue = shaped(model, shape.value!.shape, v, timestamps, wireNames, shape.value, false);
        if (shapedValue !== undefined) out[k] = shapedValue;
      }
      return out;
    }
    case 'timestamp':
      // In-process callers get Dates, as the SDK gives them; the wire follows the model's format.
      return formatTimestamp(value, timestamps === 'native' ? 'native' : timestampFormatOf(member, shape, timestamps));
    default:
      return value;
  }
}

/** A scalar read from text (a URI label, query string, header or form field), as its modeled type. */
export function readScalar(shape: Shape, raw: string): unknown {
  switch (shape.type) {
    case 'integer':
    case 'long':
    case 'double':
    case 'float': {
      const n = Number(raw);
      return raw.trim() === '' || Number.isNaN(n) ? raw : n;
    }
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : raw;
    default:
      return raw;
  }
}
