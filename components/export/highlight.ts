// Syntax highlighting for the export preview: HCL and YAML split into typed tokens, enough to
// tell comments, strings, keywords, references and keys apart. Pure, so it is tested directly.
export type TokenKind = 'comment' | 'string' | 'keyword' | 'ref' | 'key' | 'number' | 'tag' | 'plain';
export interface Token {
  kind: TokenKind;
  text: string;
}

const HCL = /(#[^\n]*)|("(?:[^"\\]|\\.)*")|\b(resource|import|provider|variable|terraform|required_providers|jsonencode|true|false|null)\b|\b((?:aws_[a-z0-9_]+|var)\.[A-Za-z0-9_.]+)|\b(\d+)\b|^(\s*[a-z_][a-z0-9_]*)(?=\s*=)/gm;
const YAML = /(#[^\n]*)|("(?:[^"\\]|\\.)*")|(![A-Za-z]+)|\b(true|false|null)\b|^(\s*-?\s*[A-Za-z0-9_."-]+)(?=:)|\b(\d+)\b/gm;

export function highlight(text: string, language: 'hcl' | 'yaml'): Token[] {
  const re = new RegExp(language === 'hcl' ? HCL.source : YAML.source, 'gm');
  const out: Token[] = [];
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index! > last) out.push({ kind: 'plain', text: text.slice(last, m.index) });
    let kind: TokenKind;
    if (language === 'hcl') kind = m[1] ? 'comment' : m[2] ? 'string' : m[3] ? 'keyword' : m[4] ? 'ref' : m[5] ? 'number' : 'key';
    else kind = m[1] ? 'comment' : m[2] ? 'string' : m[3] ? 'tag' : m[4] ? 'keyword' : m[5] ? 'key' : 'number';
    out.push({ kind, text: m[0] });
    last = m.index! + m[0].length;
  }
  if (last < text.length) out.push({ kind: 'plain', text: text.slice(last) });
  return out;
}
