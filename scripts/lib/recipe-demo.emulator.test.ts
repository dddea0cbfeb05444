// The recipe's validation in process, as `npm run demo:recipe` runs it but without the console:
// the same design records planned and applied by lib/plan (the engine behind the console's
// plan and apply routes) against lattice-local's demo estate, then the product role's GET
// (allowed, signed with SigV4 and with SigV4A) and DELETE (denied) and another role's GET (denied), each with its access-log line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callOperation } from '@/lib/emulator';
import { applyDemoDesign, readDemoLive, withDemoEstate } from '@/lib/testing/demo-plan';
import { emptyDesign, type Design } from '@/lib/topology/design';
import { RECIPE_ACCOUNT, RECIPE_NETWORK_NAME, RECIPE_REGION, RECIPE_VPC_NAME, recipeNames, recipeRecords, runRecipeChecks, startTinyTarget } from './recipe-demo';

const local = withDemoEstate();
let target: Awaited<ReturnType<typeof startTinyTarget>>;

beforeAll(async () => {
  target = await startTinyTarget();
});

afterAll(async () => {
  await target?.stop();
});

describe('the recipe applied through the plan engine, validated on the data plane', () => {
  it('lets the product role GET, denies its DELETE and another role\'s GET, and logs each', async () => {
    const live = await readDemoLive(RECIPE_ACCOUNT, RECIPE_REGION);
    const network = live.nodes.find((n) => n.kind === 'serviceNetwork' && n.name === RECIPE_NETWORK_NAME)!;
    const vpc = live.nodes.find((n) => n.kind === 'vpc' && n.name === RECIPE_VPC_NAME && n.account === RECIPE_ACCOUNT)!;
    const vpcId = String(vpc.resourceId);
    const names = recipeNames('t1');
    const design: Design = { ...emptyDesign(RECIPE_ACCOUNT, RECIPE_REGION), records: recipeRecords({ names, networkId: network.id, vpcId, targetPort: target.port }) } as Design;

    const { plan, result } = await applyDemoDesign('recipe-demo', design);
    expect(plan.operations.map((o) => o.call).sort()).toEqual(
      ['CreateAccessLogSubscription', 'CreateListener', 'CreateRole', 'CreateRole', 'CreateService', 'CreateServiceNetworkServiceAssociation', 'CreateTargetGroup', 'PutAuthPolicy', 'PutRolePolicy', 'PutRolePolicy', 'RegisterTargets'].sort(),
    );
    expect(result.outcome).toBe('succeeded');

    const services = (await callOperation(local().context, { service: 'vpc-lattice', operation: 'ListServices', account: RECIPE_ACCOUNT, region: RECIPE_REGION, input: {} })) as { items: { name: string; dnsEntry: { domainName: string } }[] };
    const host = services.items.find((s) => s.name === names.service)!.dnsEntry.domainName;

    const results = await runRecipeChecks({ endpoint: local().url, host, vpcId, names, runId: 't1' });
    expect(results.map((r) => [r.label, r.status])).toEqual([
      ['product role GET /orders/42', 200],
      ['product role GET /orders/42 signed with SigV4A', 200],
      ['product role DELETE /orders/42', 403],
      ['other role GET /orders/42', 403],
    ]);
    const [get, getV4a, del, other] = results.map((r) => JSON.parse(r.logLine!) as Record<string, unknown>);
    expect(results[0]!.body).toMatch(/^tiny target: GET \/orders\/42 as Principal=arn:aws:sts::222222222222:assumed-role\/recipe-product-t1\/recipe-demo;/);
    expect(get).toMatchObject({ requestMethod: 'GET', requestPath: '/orders/42', responseCode: 200, authDeniedReason: '-', callerPrincipal: `arn:aws:sts::${RECIPE_ACCOUNT}:assumed-role/${names.productRole}/recipe-demo` });
    expect(getV4a).toMatchObject({ requestMethod: 'GET', responseCode: 200, callerPrincipal: get!.callerPrincipal });
    expect(results[2]!.body).toContain('with an explicit deny in a service-based policy');
    expect(del).toMatchObject({ requestMethod: 'DELETE', responseCode: 403, authDeniedReason: 'Service', targetGroupArn: '-' });
    expect(results[3]!.body).toContain('because no service-based policy allows the vpc-lattice-svcs:Invoke action');
    expect(other).toMatchObject({ requestMethod: 'GET', responseCode: 403, authDeniedReason: 'Service', callerPrincipal: `arn:aws:sts::${RECIPE_ACCOUNT}:assumed-role/${names.otherRole}/recipe-demo` });
    expect(results.every((r) => r.ok)).toBe(true);
  }, 60_000);
});
