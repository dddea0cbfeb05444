// A shape's constraints as a sentence a person reads: lengths, ranges, enums and the pattern
// turned into words. The pattern is parsed and phrased construct by construct (character
// classes, literal prefixes, negative lookaheads, ARNs, alternatives); a pattern with no
// recognisable structure gets an honest generic sentence, never the raw expression.
import type { Shape } from './loader';
import { compilePattern } from './validator';

type Node =
  | { t: 'lit'; ch: string }
  | { t: 'class'; items: ClassItem[]; neg: boolean }
  | { t: 'any' }
  | { t: 'anchor'; at: 'start' | 'end' }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; options: Node[] }
  | { t: 'look'; neg: boolean; body: Node }
  | { t: 'repeat'; node: Node; min: number; max: number };

type ClassItem = { from: string; to: string } | { esc: 'd' | 'S' | 'w' | 's' };

const INF = Number.POSITIVE_INFINITY;

/** Parses the regular-expression subset AWS models use; throws on anything else. */
function parse(source: string): Node {
  let i = 0;
  const peek = () => source[i];
  const eat = () => source[i++];
  const escapeChar = (c: string): Node | ClassItem => {
    if (c === 'd' || c === 'S' || c === 'w' || c === 's') return { esc: c };
    if (c === 'u') {
      const hex = source.slice(i, i + 4);
      i += 4;
      return { t: 'lit', ch: String.fromCharCode(parseInt(hex, 16)) };
    }
    if (/[a-zA-Z]/.test(c) && c !== c.toUpperCase() && !'nrt'.includes(c)) throw new Error(`escape \\${c}`);
    return { t: 'lit', ch: c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c };
  };
  function parseClass(): Node {
    const neg = peek() === '^';
    if (neg) eat();
    const items: ClassItem[] = [];
    let first = true;
    while (i < source.length && (peek() !== ']' || first)) {
      first = false;
      let c = eat();
      if (c === '\\') {
        const e = escapeChar(eat());
        if ('esc' in e) {
          items.push(e);
          continue;
        }
        c = (e as { ch: string }).ch;
      }
      if (peek() === '-' && source[i + 1] !== ']' && i + 1 < source.length) {
        eat();
        let to = eat();
        if (to === '\\') to = (escapeChar(eat()) as { ch: string }).ch;
        items.push({ from: c, to });
      } else items.push({ from: c, to: c });
    }
    if (eat() !== ']') throw new Error('unclosed class');
    return { t: 'class', items, neg };
  }
  function parseAtom(): Node {
    const c = eat();
    if (c === '(') {
      let look: Node['t'] | null = null;
      let neg = false;
      if (source.startsWith('?:', i)) i += 2;
      else if (source.startsWith('?!', i) || source.startsWith('?=', i)) {
        neg = source[i + 1] === '!';
        look = 'look';
        i += 2;
      }
      const body = parseAlt();
      if (eat() !== ')') throw new Error('unclosed group');
      return look ? { t: 'look', neg, body } : body;
    }
    if (c === '[') return parseClass();
    if (c === '.') return { t: 'any' };
    if (c === '^') return { t: 'anchor', at: 'start' };
    if (c === '$') return { t: 'anchor', at: 'end' };
    if (c === '\\') {
      const e = escapeChar(eat());
      return 'esc' in e ? { t: 'class', items: [e], neg: false } : (e as Node);
    }
    return { t: 'lit', ch: c };
  }
  function parseQuantified(): Node {
    let node = parseAtom();
    for (;;) {
      const c = peek();
      if (c === '*' || c === '+' || c === '?') {
        eat();
        node = { t: 'repeat', node, min: c === '+' ? 1 : 0, max: c === '?' ? 1 : INF };
      } else if (c === '{' && /^\{\d+(,\d*)?\}/.test(source.slice(i))) {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i))!;
        i += m[0].length;
        const min = Number(m[1]);
        node = { t: 'repeat', node, min, max: m[2] === undefined ? min : m[3] ? Number(m[3]) : INF };
      } else return node;
    }
  }
  function parseSeq(): Node {
    const items: Node[] = [];
    while (i < source.length && peek() !== '|' && peek() !== ')') items.push(parseQuantified());
    return items.length === 1 ? items[0] : { t: 'seq', items };
  }
  function parseAlt(): Node {
    const options = [parseSeq()];
    while (peek() === '|') {
      eat();
      options.push(parseSeq());
    }
    return options.length === 1 ? options[0] : { t: 'alt', options };
  }
  const node = parseAlt();
  if (i !== source.length) throw new Error(`unexpected ${source[i]}`);
  return node;
}

// ---- Phrasing tables -------------------------------------------------------------------

const CHAR_NAMES: Record<string, [string, string]> = {
  '-': ['a hyphen', 'hyphens'],
  '.': ['a period', 'periods'],
  _: ['an underscore', 'underscores'],
  '/': ['a slash', 'slashes'],
  ':': ['a colon', 'colons'],
  ',': ['a comma', 'commas'],
  ' ': ['a space', 'spaces'],
  '*': ['an asterisk', 'asterisks'],
  '@': ['an at sign', 'at signs'],
};

/** Known ranges and escapes, most specific first: [items as text, singular, plural]. */
const CLASS_WORDS: [string, string, string][] = [
  ['0-9a-fA-F', 'a hexadecimal digit', 'hexadecimal digits'],
  ['0-9a-f', 'a lowercase hexadecimal digit', 'lowercase hexadecimal digits'],
  ['a-z', 'a lowercase letter', 'lowercase letters'],
  ['A-Z', 'an uppercase letter', 'uppercase letters'],
  ['0-9', 'a digit', 'digits'],
  ['!-~', 'a printable ASCII character', 'printable ASCII characters'],
  ['\\S', 'a non-space character', 'non-space characters'],
  ['\\s', 'a space character', 'space characters'],
  ['\\w', 'a letter, digit or underscore', 'letters, digits and underscores'],
];

const itemText = (it: ClassItem) => ('esc' in it ? (it.esc === 'd' ? '0-9' : `\\${it.esc}`) : it.from === it.to ? it.from : `${it.from}-${it.to}`);
const quoted = (text: string) => `\`${text}\``;

function charName(ch: string, plural: boolean): string {
  const n = CHAR_NAMES[ch];
  return n ? n[plural ? 1 : 0] : quoted(ch);
}

function joinWords(words: string[], conj: 'and' | 'or'): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} ${conj} ${words[words.length - 1]}`;
}

/** A character class in words: "lowercase letters, digits and hyphens". */
function classWords(node: Extract<Node, { t: 'class' }>, plural: boolean, conj: 'and' | 'or'): string {
  let rest = node.items.map(itemText);
  const words: string[] = [];
  // Letters of both cases read as "letters".
  if (rest.includes('a-z') && rest.includes('A-Z') && !(rest.includes('a-f') || rest.includes('A-F'))) {
    words.push(plural ? 'letters' : 'a letter');
    rest = rest.filter((x) => x !== 'a-z' && x !== 'A-Z');
  }
  for (const [text, one, many] of CLASS_WORDS) {
    const parts = splitRanges(text);
    if (parts.every((p) => rest.includes(p))) {
      words.push(plural ? many : one);
      rest = rest.filter((x) => !parts.includes(x));
    }
  }
  const singles: string[] = [];
  for (const x of rest) {
    if (x.length === 1) singles.push(x);
    else if (/^.-.$/.test(x)) words.push(`${plural ? 'characters' : 'a character'} ${x[0]}–${x[2]}`);
    else words.push(quoted(x));
  }
  const named = singles.filter((c) => CHAR_NAMES[c]);
  const others = singles.filter((c) => !CHAR_NAMES[c]);
  for (const c of named) words.push(charName(c, plural));
  if (others.length) words.push(others.length === 1 ? quoted(others[0]) : `the characters ${others.join(' ')}`);
  const text = joinWords(words, conj);
  return node.neg ? `any character except ${joinWords(words.map((w) => w), 'or')}` : text;
}

function splitRanges(text: string): string[] {
  if (text.startsWith('\\')) return [text];
  const out: string[] = [];
  for (let k = 0; k < text.length; ) {
    if (text[k + 1] === '-' && k + 2 < text.length) {
      out.push(text.slice(k, k + 3));
      k += 3;
    } else out.push(text[k++]);
  }
  return out;
}

function literalOf(node: Node): string | null {
  if (node.t === 'lit') return node.ch;
  if (node.t === 'class' && !node.neg && node.items.length === 1 && !('esc' in node.items[0]) && node.items[0].from === node.items[0].to) return node.items[0].from;
  if (node.t === 'seq') {
    let s = '';
    for (const it of node.items) {
      const l = literalOf(it);
      if (l === null) return null;
      s += l;
    }
    return s;
  }
  if (node.t === 'repeat' && node.min === node.max && node.min <= 4) {
    const l = literalOf(node.node);
    return l === null ? null : l.repeat(node.min);
  }
  return null;
}

/** A literal in words: one named character reads as its name, anything else quoted. */
function literalWords(text: string): string {
  return text.length === 1 && CHAR_NAMES[text] ? charName(text, false) : quoted(text);
}

function countWords(min: number, max: number): string {
  if (min === max) return String(min);
  if (max === INF) return min <= 1 ? '' : `at least ${min}`;
  return min === 0 ? `up to ${max}` : `${min}–${max}`;
}

const items = (node: Node): Node[] => (node.t === 'seq' ? node.items : [node]);
const isAnyStar = (n: Node) => n.t === 'repeat' && n.node.t === 'any' && n.min === 0 && n.max === INF;

/** A piece of a template ("`sn-`", "‹17 lowercase letters or digits›"), or null when it has no simple reading. */
function templatePiece(node: Node): string | null {
  const lit = literalOf(node);
  if (lit !== null) return lit;
  if (node.t === 'class') return `‹${classWords(node, false, 'or')}›`;
  if (node.t === 'any') return '‹any character›';
  if (node.t === 'repeat') {
    const inner = node.node;
    if (inner.t === 'class' || inner.t === 'any') {
      const words = inner.t === 'any' ? 'characters' : classWords(inner, !(node.min === 1 && node.max === 1), 'or');
      if (node.min === 0 && node.max === 1) return `‹optional ${inner.t === 'any' ? 'character' : classWords(inner as Extract<Node, { t: 'class' }>, false, 'or')}›`;
      const count = countWords(node.min, node.max);
      return `‹${count ? `${count} ` : node.min === 0 ? 'any ' : ''}${words}›`;
    }
    const body = templateOf(inner);
    if (body !== null && node.min === 0 && node.max === 1) return `‹optional ${body}›`;
    return null;
  }
  if (node.t === 'alt') {
    const lits = node.options.map(literalOf);
    if (lits.every((l) => l !== null)) return `‹${joinWords((lits as string[]).map(quoted), 'or')}›`;
    // `[0-9a-z]{8}|[0-9a-z]{17}`: one class, several exact counts.
    const counts = node.options.map((o) => (o.t === 'repeat' && o.min === o.max && o.node.t === 'class' ? { n: o.min, words: classWords(o.node, true, 'or') } : null));
    if (counts.every((c) => c !== null) && new Set(counts.map((c) => c!.words)).size === 1) return `‹${joinWords(counts.map((c) => String(c!.n)), 'or')} ${counts[0]!.words}›`;
    const parts = node.options.map(templateOf);
    return parts.every((p) => p !== null) ? `‹either ${joinWords(parts as string[], 'or')}›` : null;
  }
  if (node.t === 'seq') return templateOf(node);
  return null;
}

function templateOf(node: Node): string | null {
  let out = '';
  for (const it of items(node)) {
    if (it.t === 'anchor') continue;
    const p = templatePiece(it);
    if (p === null) return null;
    out += p;
  }
  return out;
}

/** `arn:‹partition›:service:‹region›:‹account id›:resource` — ARN fields by position, as the ARN format names them. */
const ARN_FIELDS = ['partition', 'service', 'region', 'account id'];

function arnWords(node: Node): string | null {
  const its = items(node).filter((n) => n.t !== 'anchor');
  if (literalOf(its[0]) !== 'a' || literalOf(its[1]) !== 'r' || literalOf(its[2]) !== 'n') return null;
  // Split the template at the top-level colons into the ARN's fields.
  const fields: Node[][] = [[]];
  for (const it of its.slice(3)) {
    if (literalOf(it) === ':') fields.push([]);
    else fields[fields.length - 1].push(it);
  }
  if (fields.length < 6 || fields[0].length) return 'an ARN (arn:‹partition›:‹service›:‹region›:‹account id›:‹resource›)';
  const parts = fields.slice(1, 5).map((f, k) => {
    const lit = literalOf({ t: 'seq', items: f });
    return lit !== null && lit !== '' ? lit : `‹${ARN_FIELDS[k]}›`;
  });
  const resourceNodes = fields.slice(5).flatMap((f, k) => (k === 0 ? f : [{ t: 'lit', ch: ':' } as Node, ...f]));
  const resource = templateOf({ t: 'seq', items: resourceNodes });
  return `an ARN: arn:${parts.join(':')}:${resource ?? '‹resource›'}`;
}

/** What a negative lookahead forbids, as [verb, object]: ['start with', '`svc-`']. */
function forbidden(body: Node): [string, string] | null {
  const its = items(body);
  if (its.length && isAnyStar(its[0])) {
    const rest = its.slice(1);
    const endsAnchored = rest.length > 0 && rest[rest.length - 1].t === 'anchor';
    const core = endsAnchored ? rest.slice(0, -1) : rest;
    const lit = literalOf({ t: 'seq', items: core });
    if (lit === null) return null;
    return [endsAnchored ? 'end with' : 'contain', literalWords(lit)];
  }
  const lit = literalOf(body);
  if (lit !== null) return ['start with', literalWords(lit)];
  return null;
}

/** A whole pattern in words, or null when it has no structure these rules read. */
function phrase(node: Node): string | null {
  if (node.t === 'repeat' && node.min === 0 && node.max === 1) {
    const inner = phrase(node.node);
    return inner === null ? null : `empty, or ${inner}`;
  }
  if (node.t === 'alt') {
    const parts = node.options.map((o) => (items(o).every((n) => n.t === 'anchor') ? 'empty' : phrase(o)));
    if (parts.some((p) => p === null)) return null;
    return `either ${joinWords(parts as string[], 'or')}`;
  }
  let its = items(node);
  // `.*(X).*` where X is anchored on both ends means just X.
  if (its.length === 3 && isAnyStar(its[0]) && isAnyStar(its[2])) {
    const mid = its[1];
    const anchored = JSON.stringify(mid).includes('"anchor"');
    if (anchored) return phrase(mid);
    const p = templatePiece(mid.t === 'repeat' && mid.min === 1 ? mid.node : mid);
    return p === null ? null : `must contain ${p.replace(/^‹(.*)›$/, '$1')}`;
  }
  its = its.filter((n) => n.t !== 'anchor');
  const looks = its.filter((n) => n.t === 'look');
  const rest = its.filter((n) => n.t !== 'look');
  const rules = new Map<string, string[]>();
  for (const l of looks) {
    if (l.t !== 'look' || !l.neg) return null;
    const f = forbidden(l.body);
    if (!f) return null;
    rules.set(f[0], [...(rules.get(f[0]) ?? []), f[1]]);
  }
  const restNode: Node = rest.length === 1 ? rest[0] : { t: 'seq', items: rest };
  let main: string | null;
  if (restNode.t === 'repeat' && restNode.node.t === 'class' && restNode.max === INF) main = classWords(restNode.node, true, 'and');
  else if (restNode.t === 'alt') main = phrase(restNode);
  else main = arnWords(restNode) ?? templateOf(restNode)?.replace(/^‹([^‹›]*)›$/, '$1') ?? null;
  if (main === null) return null;
  if (!rules.size) return main;
  const forbids = [...rules.entries()].map(([verb, objs]) => `${verb} ${joinWords(objs, 'or')}`);
  return `${main}; must not ${joinWords(forbids, 'or')}`;
}

const GENERIC = 'must be in the format the API documents for this field';

/** A pattern in words: "lowercase letters, digits and hyphens; must not start with a hyphen". */
export function describePattern(pattern: string): string {
  try {
    return phrase(parse(pattern)) ?? GENERIC;
  } catch {
    return GENERIC;
  }
}

/**
 * Every constraint of a shape as one sentence for a form: "3–40 characters: lowercase
 * letters, digits and hyphens; must not start with `svc-` or a hyphen, end with a hyphen or
 * contain `--`", "1–65535", "one of HTTP, HTTPS". Undefined when the shape says nothing.
 */
export function describeShape(shape: Shape | undefined): string | undefined {
  if (!shape) return undefined;
  if (shape.enum) return `one of ${shape.enum.join(', ')}`;
  if (shape.type === 'string') {
    const { min, max } = shape;
    const length = min !== undefined && max !== undefined ? (min === max ? `exactly ${min} characters` : min === 0 ? `up to ${max} characters` : `${min}–${max} characters`) : max !== undefined ? `up to ${max} characters` : min !== undefined && min > 0 ? `at least ${min} characters` : undefined;
    const words = shape.pattern !== undefined ? describePattern(shape.pattern) : undefined;
    if (length && words) return `${length}: ${words}`;
    return length ?? words;
  }
  if (shape.type === 'integer' || shape.type === 'long' || shape.type === 'double' || shape.type === 'float') {
    if (shape.min !== undefined && shape.max !== undefined) return `a number from ${shape.min} to ${shape.max}`;
    if (shape.min !== undefined) return `a number of at least ${shape.min}`;
    if (shape.max !== undefined) return `a number up to ${shape.max}`;
    return undefined;
  }
  if (shape.type === 'list' || shape.type === 'map') {
    const what = shape.type === 'list' ? 'items' : 'entries';
    if (shape.min !== undefined && shape.max !== undefined) return `${shape.min}–${shape.max} ${what}`;
    if (shape.max !== undefined) return `at most ${shape.max} ${what}`;
    if (shape.min !== undefined && shape.min > 0) return `at least ${shape.min} ${what}`;
  }
  return undefined;
}

/** Whether a typed string breaks its shape's length or pattern (what a form checks while typing). */
export function stringBreaks(shape: Shape | undefined, value: string): boolean {
  if (!shape || shape.type !== 'string' || value === '') return false;
  const length = [...value].length;
  if (shape.min !== undefined && length < shape.min) return true;
  if (shape.max !== undefined && length > shape.max) return true;
  if (shape.enum) return !shape.enum.includes(value);
  return shape.pattern !== undefined && !compilePattern(shape.pattern).test(value);
}
