import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoAccounts, readAccountsConfig } from './accounts-config';
import { allPages } from './calls';
import { describeAwsError } from './errors';
import { createFailureLog } from './failures';
import { minimumCalls } from './minimum';
import { createPool } from './pool';

describe('describeAwsError', () => {
  it('names the AWS error code and keeps its message', () => {
    const err = Object.assign(new Error('User: arn:aws:iam::111111111111:user/x is not authorized to perform: sts:AssumeRole'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    expect(describeAwsError(err)).toEqual({ code: 'AccessDenied', message: 'AccessDenied: User: arn:aws:iam::111111111111:user/x is not authorized to perform: sts:AssumeRole', status: 403, throttled: false });
  });
  it('recognises throttling', () => {
    expect(describeAwsError(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 429 } })).throttled).toBe(true);
  });
  it('says what went wrong on the network instead of a stack', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(describeAwsError(refused)).toEqual({ code: 'ECONNREFUSED', message: 'The endpoint refused the connection; is it running?', throttled: false });
    expect(describeAwsError(new AggregateError([refused], '')).code).toBe('ECONNREFUSED');
  });
});

describe('createPool', () => {
  it('never runs more than its size at once and runs everything', async () => {
    const pool = createPool(3);
    let running = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        pool.run(async () => {
          running += 1;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 1));
          running -= 1;
          return i;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
  it('refuses a size below one', () => {
    expect(() => createPool(0)).toThrow(/positive integer/);
  });
});

describe('allPages', () => {
  it('follows tokens to the end and stops on a repeated token', async () => {
    const pages: Record<string, { items: number[]; next?: string }> = { '': { items: [1, 2], next: 'a' }, a: { items: [3], next: 'b' }, b: { items: [4] } };
    expect(await allPages(async (t) => ({ items: pages[t ?? ''].items, next: pages[t ?? ''].next }))).toEqual([1, 2, 3, 4]);
    let calls = 0;
    expect(await allPages(async () => ({ items: [calls++], next: 'same' }))).toEqual([0, 1]);
  });
});

describe('failure log', () => {
  it('folds many failures of one operation into one readable error', () => {
    const log = createFailureLog();
    const denied = Object.assign(new Error('not allowed'), { name: 'AccessDeniedException' });
    for (const r of ['arn:1', 'arn:2', 'arn:3', 'arn:4']) log.record('GetAuthPolicy', denied, r);
    log.record('ListServices', Object.assign(new Error('slow down'), { name: 'ThrottlingException' }));
    const errors = log.toErrors('111111111111', 'us-east-1');
    expect(errors).toEqual([
      { account: '111111111111', region: 'us-east-1', operation: 'GetAuthPolicy', code: 'AccessDeniedException', message: 'GetAuthPolicy failed (4 resources, e.g. arn:1, arn:2, arn:3): AccessDeniedException: not allowed' },
      { account: '111111111111', region: 'us-east-1', operation: 'ListServices', code: 'ThrottlingException', message: 'ListServices failed: AWS kept throttling the calls (ThrottlingException); try again in a minute, or read fewer accounts at once.' },
    ]);
    expect(log.count()).toBe(5);
  });
});

describe('minimumCalls', () => {
  it('counts one call per page and one per needed detail', () => {
    const m = minimumCalls({
      assumeRole: true,
      lists: { ListServices: { items: 250, pageSize: 100 }, ListServiceNetworks: { items: 0, pageSize: 100 } },
      perResource: { GetService: 250, GetAuthPolicy: 0 },
      perResourceLists: { ListTargets: { items: [0, 100, 101], pageSize: 100 } },
    });
    expect(m.byOperation).toEqual({ AssumeRole: 1, ListServices: 3, ListServiceNetworks: 1, GetService: 250, ListTargets: 4 });
    expect(m.total).toBe(259);
  });
});

describe('readAccountsConfig', () => {
  const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-accounts-'));
  it('reads TRELLIS_ACCOUNTS and names the bad field', () => {
    const good = JSON.stringify([
      { id: '111111111111', name: 'hub', regions: ['us-east-1'] },
      { id: '222222222222', name: 'app', roleArn: 'arn:aws:iam::222222222222:role/Reader', regions: ['us-east-1', 'eu-west-1'] },
    ]);
    expect(readAccountsConfig({ TRELLIS_ACCOUNTS: good }, tmp())).toMatchObject({ source: 'env', accounts: [{ id: '111111111111' }, { id: '222222222222', regions: ['us-east-1', 'eu-west-1'] }] });
    expect(() => readAccountsConfig({ TRELLIS_ACCOUNTS: JSON.stringify([{ id: '12', name: 'x', regions: ['us-east-1'] }]) }, tmp())).toThrow('TRELLIS_ACCOUNTS[0.id]: a 12-digit AWS account id');
    expect(() => readAccountsConfig({ TRELLIS_ACCOUNTS: JSON.stringify([{ id: '222222222222', name: 'x', roleArn: 'arn:aws:iam::333333333333:role/R', regions: ['us-east-1'] }]) }, tmp())).toThrow(/roleArn\]: the role must be in the account itself/);
    expect(() => readAccountsConfig({ TRELLIS_ACCOUNTS: JSON.stringify([{ id: '222222222222', name: 'x', regions: ['useast'] }]) }, tmp())).toThrow(/regions.0\]: an AWS region name/);
    expect(() => readAccountsConfig({ TRELLIS_ACCOUNTS: '[' }, tmp())).toThrow(/TRELLIS_ACCOUNTS: not valid JSON/);
  });
  it('reads a file, then falls back to the demo estate in demo mode, else to nothing', () => {
    const dir = tmp();
    expect(readAccountsConfig({}, dir)).toBeNull();
    expect(readAccountsConfig({ TRELLIS_DEMO: '1' }, dir)).toMatchObject({ source: 'demo', accounts: demoAccounts() });
    fs.writeFileSync(path.join(dir, 'trellis.accounts.json'), JSON.stringify([{ id: '111111111111', name: 'hub', regions: ['us-west-2'] }]));
    expect(readAccountsConfig({ TRELLIS_DEMO: '1' }, dir)).toMatchObject({ source: 'file', accounts: [{ regions: ['us-west-2'] }] });
    expect(() => readAccountsConfig({ TRELLIS_ACCOUNTS_FILE: 'missing.json' }, dir)).toThrow(/does not exist/);
  });
  it('configures the demo estate with the base credentials for the management account only', () => {
    const demo = demoAccounts();
    expect(demo.filter((a) => !a.roleArn).map((a) => a.id)).toEqual(['111111111111']);
    expect(demo.find((a) => a.id === '222222222222')?.roleArn).toBe('arn:aws:iam::222222222222:role/TrellisConsole');
  });
});
