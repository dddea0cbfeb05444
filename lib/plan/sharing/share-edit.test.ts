// One sharing edit checked on its own (before it joins a design), and recognised once the live
// shares already are what it asks for.
import { describe, expect, it } from 'vitest';
import { shareEditIsLive, shareEditProblems, type LiveShare } from './plan';

const HUB = '111111111111';
const NETWORK = `arn:aws:vpc-lattice:us-east-1:${HUB}:servicenetwork/sn-0123456789abcdef0`;
const TARGET_GROUP = `arn:aws:vpc-lattice:us-east-1:${HUB}:targetgroup/tg-0123456789abcdef0`;
const SHARE = `arn:aws:ram:us-east-1:${HUB}:resource-share/0b7e1a52-3c4d-4e5f-8a9b-0c1d2e3f4a5b`;
const live: LiveShare = { arn: SHARE, name: 'platform-partners', account: HUB, region: 'us-east-1', status: 'ACTIVE', allowExternalPrincipals: true, resources: [NETWORK], principals: ['555555555555'] };

describe('a sharing edit on its own', () => {
  it('names the field and the rule of a malformed account id and of a type RAM does not share', () => {
    expect(shareEditProblems({ action: 'share', name: 'p', resourceArns: [TARGET_GROUP], principals: ['55555555555'] })).toEqual([
      { path: 'resourceArns.0', rule: `${TARGET_GROUP} is a VPC Lattice target group; RAM shares only service networks, services and resource configurations` },
      { path: 'principals.0', rule: '"55555555555" is not a 12-digit AWS account id (it has 11 digits)' },
    ]);
    expect(shareEditProblems({ action: 'share', name: ' ', resourceArns: [NETWORK], principals: [HUB] })).toEqual([
      { path: 'name', rule: 'a name for the share' },
      { path: 'principals.0', rule: `account ${HUB} owns the resources; share with other accounts` },
    ]);
    expect(shareEditProblems({ action: 'update', shareArn: SHARE, addPrincipals: ['arn:aws:iam::555555555555:root'] })).toEqual([
      { path: 'addPrincipals.0', rule: '"arn:aws:iam::555555555555:root" names an account root; give the account id 555555555555 instead' },
    ]);
    expect(shareEditProblems({ action: 'update', shareArn: SHARE })).toEqual([{ path: '', rule: 'nothing to change: add or remove principals or resources' }]);
    expect(shareEditProblems({ action: 'share', name: 'p', resourceArns: [NETWORK], principals: '555555555555, 333333333333' })).toEqual([]);
  });

  it('is live once the shares are what it asks for', () => {
    expect(shareEditIsLive({ action: 'share', name: 'platform-partners', resourceArns: [NETWORK], principals: ['555555555555'] }, [live])).toBe(true);
    expect(shareEditIsLive({ action: 'share', name: 'platform-partners', resourceArns: [NETWORK], principals: ['555555555555'] }, [])).toBe(false);
    expect(shareEditIsLive({ action: 'share', name: 'platform-partners', resourceArns: [NETWORK], principals: ['333333333333'] }, [live])).toBe(false);
    expect(shareEditIsLive({ action: 'update', shareArn: SHARE, addPrincipals: ['555555555555'] }, [live])).toBe(true);
    expect(shareEditIsLive({ action: 'update', shareArn: SHARE, removePrincipals: ['555555555555'] }, [live])).toBe(false);
    expect(shareEditIsLive({ action: 'update', shareArn: SHARE, removePrincipals: ['333333333333'] }, [live])).toBe(true);
    expect(shareEditIsLive({ action: 'stop', shareArn: SHARE }, [live])).toBe(false);
    expect(shareEditIsLive({ action: 'stop', shareArn: SHARE }, [])).toBe(true);
  });
});
