// The generated `scale` estate, for benchmarks: a hub owning enough service networks for the
// services (500 associations each), shared with the whole organization, and application
// accounts each with its default VPC associated and its share of the services, every
// service with a listener and a target group. Written through callOperation inside the
// store's bulk mode (one snapshot at the end instead of a journal line per call), so it obeys
// the same validation and quotas as any client and stays fast.
import { callOperationSync } from '../dispatch';
import { setOrganization } from '../services/ram/index';
import type { LocalContext, ServiceName } from '../services/types';
import { planScale, scaleServiceName, SCALE_QUOTAS, type ScalePlan } from './scale-plan';
import { createConsoleRoles } from './identities';

const region = 'us-east-1';

export function applyScaleSeed(local: LocalContext, accounts?: number, services?: number): ScalePlan {
  const plan = planScale(accounts, services);
  const call = (account: string, service: ServiceName, operation: string, input: Record<string, unknown> = {}) =>
    callOperationSync(local, { service, operation, account, region, input });

  local.store.transaction(() =>
    setOrganization(local.store, {
      id: 'o-scale0estate',
      arn: `arn:aws:organizations::${plan.hub}:organization/o-scale0estate`,
      managementAccountId: plan.hub,
      members: [plan.hub, ...plan.applications],
    }),
  );
  call(plan.hub, 'ram', 'EnableSharingWithAwsOrganization');
  // The console (based in the hub) assumes TrellisConsole in every application account.
  createConsoleRoles(local, [plan.hub, ...plan.applications], plan.hub);
  const networks = Array.from({ length: plan.serviceNetworks }, (_, i) =>
    call(plan.hub, 'vpc-lattice', 'CreateServiceNetwork', { name: `scale-network-${i + 1}`, authType: i % 2 === 0 ? 'AWS_IAM' : 'NONE' }),
  );
  call(plan.hub, 'ram', 'CreateResourceShare', {
    name: 'scale-networks',
    resourceArns: networks.map((n) => n.arn),
    principals: [`arn:aws:organizations::${plan.hub}:organization/o-scale0estate`],
  });

  let global = 0;
  plan.applications.forEach((account, a) => {
    const vpcs = call(account, 'ec2', 'DescribeVpcs', {});
    const vpcId = vpcs.Vpcs[0].VpcId as string;
    // One VPC, one service network association: the network its first service joins.
    call(account, 'vpc-lattice', 'CreateServiceNetworkVpcAssociation', {
      serviceNetworkIdentifier: networks[Math.floor(global / SCALE_QUOTAS.serviceAssociationsPerServiceNetwork)]!.arn,
      vpcIdentifier: vpcId,
    });
    const count = plan.servicesPerAccount[a]!;
    for (let n = 0; n < count; n++, global++) {
      const svc = call(account, 'vpc-lattice', 'CreateService', { name: scaleServiceName(n), authType: 'NONE', tags: { generated: 'scale' } });
      // Target groups run out at their quota; later services answer with a fixed response.
      const action =
        n < SCALE_QUOTAS.targetGroupsPerAccount
          ? (() => {
              const tg = call(account, 'vpc-lattice', 'CreateTargetGroup', {
                name: `${scaleServiceName(n)}-targets`,
                type: 'IP',
                config: { port: 8080, protocol: 'HTTP', vpcIdentifier: vpcId },
              });
              call(account, 'vpc-lattice', 'RegisterTargets', {
                targetGroupIdentifier: tg.id,
                targets: [{ id: `172.31.${n % 48}.${(n % 250) + 4}` }, { id: `172.31.${(n + 16) % 48}.${(n % 250) + 4}` }],
              });
              return { forward: { targetGroups: [{ targetGroupIdentifier: tg.id, weight: 100 }] } };
            })()
          : { fixedResponse: { statusCode: 503 } };
      call(account, 'vpc-lattice', 'CreateListener', { serviceIdentifier: svc.id, name: 'http-80', protocol: 'HTTP', port: 80, defaultAction: action });
      call(account, 'vpc-lattice', 'CreateServiceNetworkServiceAssociation', {
        serviceIdentifier: svc.id,
        serviceNetworkIdentifier: networks[Math.floor(global / SCALE_QUOTAS.serviceAssociationsPerServiceNetwork)]!.arn,
      });
    }
  });
  return plan;
}
