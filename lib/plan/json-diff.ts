// A policy (or any JSON document) in a plan as a readable diff: both sides pretty-printed
// with sorted keys, compared line by line (longest common subsequence), as `git diff` shows text.
import { canonicalJson } from '@/lib/canonical';
import type { Json } from '@/lib/topology';

export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** A JSON document as text, or null when the value is no object/array (a JSON string is parsed first). */
export function asJsonDocument(value: Json | undefined): Json | null {
  if (typeof value === 'string') {
    const t = value.trim();
    if (!(t.startsWith('{') || t.startsWith('['))) return null;
    try {
      return JSON.parse(t) as Json;
    } catch {
      return null;
    }
  }
  return value !== null && typeof value === 'object' ? value : null;
}

function pretty(doc: Json | null): string[] {
  if (doc === null) return [];
  return JSON.stringify(JSON.parse(canonicalJson(doc)), null, 2).split('\n');
}

/** Line diff of two JSON documents (either may be absent: a new or a deleted policy). */
export function jsonLineDiff(before: Json | undefined, after: Json | undefined): DiffLine[] {
  const a = pretty(before === undefined ? null : asJsonDocument(before));
  const b = pretty(after === undefined ? null : asJsonDocument(after));
  // LCS table from the end, then walk it forwards.
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i] });
      i++;
      j++;
    } else if (j < b.length && (i === a.length || lcs[i][j + 1] >= lcs[i + 1][j])) out.push({ kind: 'added', text: b[j++] });
    else out.push({ kind: 'removed', text: a[i++] });
  }
  return out;
}
