import { describe, expect, it } from 'vitest';
import { loadModel } from '@/lib/models/loader';
import { buildRouter, readRestJsonInput, writeRestJsonOutput } from './rest-json';

const SAMPLE_ARN = 'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0123456789abcdefg';

/** A request path for an operation's template, each label filled and encoded as the SDK does. */
function samplePath(template: string): { path: string; labels: Record<string, string> } {
  const labels: Record<string, string> = {};
  const path = template.split('?')[0]!.replace(/\{([^}+]+)\+?\}/g, (_, name: string) => {
    const value = name === 'resourceArn' ? SAMPLE_ARN : `${name}-0123456789abcdefg`;
    labels[name] = value;
    return encodeURIComponent(value);
  });
  return { path, labels };
}

describe('rest-json router', () => {
  for (const name of ['vpc-lattice', 'ram'] as const) {
    const model = loadModel(name);
    const router = buildRouter(model);
    it(`matches every ${name} operation from its method and URI template`, () => {
      const operations = Object.values(model.operations);
      if (name === 'vpc-lattice') expect(operations).toHaveLength(73);
      for (const operation of operations) {
        const { path, labels } = samplePath(operation.http.requestUri);
        const match = router.match(operation.http.method, path, new URLSearchParams());
        expect(match?.operation.name, `${operation.http.method} ${path}`).toBe(operation.name);
        expect(match?.labels).toEqual(labels);
      }
    });
  }

  it('prefers literal segments over labels and rejects unknown paths', () => {
    const router = buildRouter(loadModel('vpc-lattice'));
    expect(router.match('POST', '/targetgroups/tg-0123456789abcdefg/listtargets', new URLSearchParams())?.operation.name).toBe('ListTargets');
    expect(router.match('GET', '/targetgroups/tg-0123456789abcdefg', new URLSearchParams())?.operation.name).toBe('GetTargetGroup');
    expect(router.match('GET', '/nothing/here', new URLSearchParams())).toBeUndefined();
    expect(router.match('PUT', '/services', new URLSearchParams())).toBeUndefined();
  });

  it('reads labels, query lists, integers and the body into the input shape', () => {
    const model = loadModel('vpc-lattice');
    const untag = model.operations.UntagResource!;
    const input = readRestJsonInput(model, untag, {
      labels: { resourceArn: SAMPLE_ARN },
      query: new URLSearchParams('tagKeys=a&tagKeys=b'),
      headers: {},
      body: Buffer.alloc(0),
    });
    expect(input).toEqual({ resourceArn: SAMPLE_ARN, tagKeys: ['a', 'b'] });
    const list = readRestJsonInput(model, model.operations.ListServices!, { labels: {}, query: new URLSearchParams('maxResults=5'), headers: {}, body: Buffer.alloc(0) });
    expect(list).toEqual({ maxResults: 5 });
    const create = readRestJsonInput(model, model.operations.CreateService!, {
      labels: {},
      query: new URLSearchParams(),
      headers: {},
      body: Buffer.from(JSON.stringify({ name: 'orders', unknownMember: 1 })),
    });
    expect(create).toEqual({ name: 'orders' });
  });

  it('writes the model success code, ISO timestamps for Lattice and epoch seconds for RAM', () => {
    const lattice = loadModel('vpc-lattice');
    const created = writeRestJsonOutput(lattice, lattice.operations.CreateService!, { id: 'svc-1', extra: 'dropped' }, 'rid');
    expect(created.status).toBe(201);
    expect(JSON.parse(created.body)).toEqual({ id: 'svc-1' });
    expect(created.headers['x-amzn-requestid']).toBe('rid');
    const deleted = writeRestJsonOutput(lattice, lattice.operations.DeleteServiceNetwork!, {}, 'rid');
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBe('');
    const got = writeRestJsonOutput(lattice, lattice.operations.GetServiceNetwork!, { createdAt: Date.UTC(2025, 0, 2, 3, 4, 5) }, 'rid');
    expect(JSON.parse(got.body).createdAt).toBe('2025-01-02T03:04:05.000Z');
    const ram = loadModel('ram');
    const shares = writeRestJsonOutput(ram, ram.operations.GetResourceShares!, { resourceShares: [{ name: 'x', creationTime: 1_700_000_000_500 }] }, 'rid');
    expect(JSON.parse(shares.body).resourceShares[0].creationTime).toBe(1_700_000_000.5);
  });
});
