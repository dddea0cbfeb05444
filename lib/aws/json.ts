import type { Json, JsonObject } from '@/lib/topology';

/** An SDK output as plain JSON: dates as ISO strings, no `$metadata`, no undefined members. */
export function toJson(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object') {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined || k === '$metadata') continue;
      out[k] = toJson(v);
    }
    return out;
  }
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  return String(value);
}

export function toJsonObject(value: unknown): JsonObject {
  const j = toJson(value);
  return j && typeof j === 'object' && !Array.isArray(j) ? j : {};
}

/** Policies are JSON text; show them parsed when they parse. */
export function parsePolicy(text: string | undefined): Json {
  if (!text) return null;
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text;
  }
}

/** The partition an AWS region belongs to, for building ARNs the APIs do not return. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  return 'aws';
}
