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

export function formatTimestamp(value: unknown, format: TimestampFormat): unknown {
  const ms = toEpochMs(value);
  if (ms === undefined) return undefined;
  switch (format) {
    case 'iso8601':
      return new Date(ms).toISOString();
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
  const shape = model.shapes[shapeName];
  if (value === undefined || value === null || !shape) return undefined;
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object') return undefined;
      const source = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        if (options.bodyOnly && member.location) continue;
        const v = shapeValue(model, member.shape, source[name], { timestamps: options.timestamps, wireNames: options.wireNames, member });
        if (v !== undefined) out[options.wireNames ? (member.locationName ?? name) : name] = v;
      }
      return out;
    }
    case 'list':
      if (!Array.isArray(value)) return undefined;
      return value
        .map((item) => shapeValue(model, shape.member!.shape, item, { timestamps: options.timestamps, wireNames: options.wireNames, member: shape.member }))
        .filter((item) => item !== undefined);
    case 'map': {
      if (typeof value !== 'object') return undefined;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const shaped = shapeValue(model, shape.value!.shape, v, { timestamps: options.timestamps, wireNames: options.wireNames, member: shape.value });
        if (shaped !== undefined) out[k] = shaped;
      }
      return out;
    }
    case 'timestamp':
      // In-process callers get Dates, as the SDK gives them; the wire follows the model's format.
      return formatTimestamp(value, options.timestamps === 'native' ? 'native' : timestampFormatOf(options.member, shape, options.timestamps));
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
