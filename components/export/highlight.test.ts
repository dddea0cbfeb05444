import { describe, expect, it } from 'vitest';
import { highlight } from './highlight';

describe('highlight', () => {
  it('tells comments, keywords, keys, references and strings apart in HCL, and loses no text', () => {
    const text = '# top\nresource "aws_vpclattice_service" "orders" {\n  name = "orders"\n  service_identifier = aws_vpclattice_service.orders.id\n  port = 443\n}\n';
    const tokens = highlight(text, 'hcl');
    expect(tokens.map((t) => t.text).join('')).toBe(text);
    expect(tokens.filter((t) => t.kind !== 'plain').map((t) => `${t.kind}:${t.text.trim()}`)).toEqual([
      'comment:# top', 'keyword:resource', 'string:"aws_vpclattice_service"', 'string:"orders"', 'key:name', 'string:"orders"', 'key:service_identifier', 'ref:aws_vpclattice_service.orders.id', 'key:port', 'number:443',
    ]);
  });

  it('marks YAML keys, tags and strings', () => {
    const text = 'Resources:\n  X:\n    Id: !GetAtt "A.Arn"\n';
    const tokens = highlight(text, 'yaml');
    expect(tokens.map((t) => t.text).join('')).toBe(text);
    expect(tokens.filter((t) => t.kind !== 'plain').map((t) => `${t.kind}:${t.text.trim()}`)).toEqual(['key:Resources', 'key:X', 'key:Id', 'tag:!GetAtt', 'string:"A.Arn"']);
  });
});
