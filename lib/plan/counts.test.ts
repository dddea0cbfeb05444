import { describe, expect, it } from 'vitest';
import { APP, IDS, REGION, sampleTopology } from '@/lib/topology/fixtures';
import { addRecord, applyAll, applyPatch, emptyDesign, importLive, liveRecords, pendingChanges, removeRecords, setField, type Design } from '@/lib/topology/design';
import { changedResources, headlineCounts, planDiff } from './index';

function fromLive(): Design {
  const live = liveRecords(sampleTopology());
  return applyPatch(emptyDesign(APP, REGION), importLive(emptyDesign(APP, REGION), live));
}

const POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: '*' }] });

describe('change counts', () => {
  it("the designer's changes from live are the resources the plan's operations touch", () => {
    let d = fromLive();
    d = applyAll(d, [
      addRecord(d, { id: 'n', kind: 'service', spec: { name: 'newcomer', authType: 'AWS_IAM' } }).patch,
      addRecord(d, { id: 'p', kind: 'authPolicy', spec: { resourceIdentifier: 'n', policy: POLICY } }).patch,
    ]);
    d = applyPatch(d, setField(d, IDS.tgBlue, ['config', 'healthCheck', 'enabled'], false));
    d = applyPatch(d, removeRecords(d, [IDS.tgGreen]));
    const topology = sampleTopology();
    const plan = planDiff(d, topology);
    const live = liveRecords(topology);
    expect(plan.operations.length).toBeGreaterThan(0);
    expect(pendingChanges(d.records, live)).toBe(changedResources(plan.operations));
  });

  it('a design equal to the live estate counts nothing on either side', () => {
    const d = fromLive();
    const topology = sampleTopology();
    expect(pendingChanges(d.records, liveRecords(topology))).toBe(0);
    expect(changedResources(planDiff(d, topology).operations)).toBe(0);
  });

  it('a new auth policy is an addition; a changed one is a change', () => {
    let d = fromLive();
    d = applyAll(d, [
      addRecord(d, { id: 'n', kind: 'service', spec: { name: 'newcomer', authType: 'AWS_IAM' } }).patch,
      addRecord(d, { id: 'p', kind: 'authPolicy', spec: { resourceIdentifier: 'n', policy: POLICY } }).patch,
    ]);
    const plan = planDiff(d, sampleTopology());
    expect(plan.summary.addPolicy).toBe(1);
    expect(plan.summary.putPolicy).toBe(0);
    expect(headlineCounts(plan.summary)).toMatchObject({ add: 2, change: 0 });
  });
});
