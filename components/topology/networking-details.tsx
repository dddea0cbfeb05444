'use client';
// The networking facts of the selected resource in the details panel: a VPC endpoint's type,
// service, subnets, security groups and DNS names; an endpoint service's principals and
// connections; an instance's state, type and address; what a target points at.

import type { ReactNode } from 'react';
import {
  endpointFacts,
  endpointServiceFacts,
  instanceFacts,
  principalAccount,
  statusClass,
  targetPointsAt,
  type Ref,
  type Topology,
  type TopologyNode,
} from '@/lib/topology';
import { cn } from '@/components/ui/cn';
import { STATUS_STYLE, statusWord } from '@/components/canvas/style';
import { DetailsSection } from './details-section';

interface Props {
  topology: Topology;
  node: TopologyNode;
  accountNames: ReadonlyMap<string, string>;
  onSelect: (id: string) => void;
}

/** A section of facts: label and value side by side. */
function Section({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <DetailsSection title={title} testId={testId}>
      <dl className="grid grid-cols-[7.5rem_1fr] gap-x-3 gap-y-1 text-[12px]">{children}</dl>
    </DetailsSection>
  );
}

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-all text-slate-800" data-testid={testId}>
        {children}
      </dd>
    </>
  );
}

const mono = 'font-mono text-[11px]';

function State({ state }: { state: string }) {
  const s = STATUS_STYLE[statusClass(state)];
  return (
    <span className={cn('inline-flex items-center gap-1 rounded px-1 py-px text-[11px] font-medium ring-1 ring-inset', s.ring, s.text)}>
      <span className={cn('size-1.5 rounded-full', s.dot)} />
      {statusWord(state)}
    </span>
  );
}

function Link({ node, onSelect, children }: { node: TopologyNode; onSelect: (id: string) => void; children?: ReactNode }) {
  return (
    <button type="button" className="text-left text-indigo-700 hover:underline" onClick={() => onSelect(node.id)}>
      {children ?? node.name}
    </button>
  );
}

/** Ids, each a link to its resource when the topology has it. */
function Refs({ refs, onSelect }: { refs: Ref[]; onSelect: (id: string) => void }) {
  if (!refs.length) return <span className="text-slate-400">none</span>;
  return (
    <span className="flex flex-col">
      {refs.map((r) =>
        r.node ? (
          <Link key={r.id} node={r.node} onSelect={onSelect}>
            <span className={mono}>{r.id}</span>
            {r.node.name !== r.id && <span className="text-slate-500"> {r.node.name}</span>}
          </Link>
        ) : (
          <span key={r.id} className={mono}>
            {r.id}
          </span>
        ),
      )}
    </span>
  );
}

function Lines({ items }: { items: string[] }) {
  if (!items.length) return <span className="text-slate-400">none</span>;
  return (
    <span className="flex flex-col">
      {items.map((x) => (
        <span key={x} className={mono}>
          {x}
        </span>
      ))}
    </span>
  );
}

const accountLabel = (account: string, names: ReadonlyMap<string, string>) => names.get(account) ?? account;

function EndpointSection({ topology, node, accountNames, onSelect }: Props) {
  const f = endpointFacts(topology, node);
  return (
    <Section title="Endpoint" testId="details-endpoint">
      <Row label="Type" testId="endpoint-type">
        {f.type}
      </Row>
      {f.serviceName && (
        <Row label="Service name" testId="endpoint-service-name">
          <span className={mono}>{f.serviceName}</span>
        </Row>
      )}
      {f.connection && (
        <Row label="Connection" testId="endpoint-connection">
          <span className="flex flex-wrap items-center gap-1.5">
            <State state={f.connection.state} />
            <span>
              to <Link node={f.connection.service} onSelect={onSelect} /> ({accountLabel(f.connection.service.account, accountNames)})
            </span>
          </span>
        </Row>
      )}
      {f.type !== 'Gateway' && (
        <>
          <Row label="Subnets">
            <Refs refs={f.subnets} onSelect={onSelect} />
          </Row>
          <Row label="Security groups">
            <Refs refs={f.securityGroups} onSelect={onSelect} />
          </Row>
        </>
      )}
      {(f.type === 'Gateway' || f.routeTables.length > 0) && (
        <Row label="Route tables">
          <Lines items={f.routeTables} />
        </Row>
      )}
      {f.type !== 'Gateway' && (
        <Row label="DNS names">
          <Lines items={f.dnsNames} />
        </Row>
      )}
      {f.privateDns !== undefined && <Row label="Private DNS">{f.privateDns ? 'enabled' : 'disabled'}</Row>}
    </Section>
  );
}

function EndpointServiceSection({ topology, node, accountNames, onSelect }: Props) {
  const f = endpointServiceFacts(topology, node);
  return (
    <Section title="Endpoint service" testId="details-endpoint-service">
      {f.serviceName && (
        <Row label="Service name" testId="endpoint-service-name">
          <span className={mono}>{f.serviceName}</span>
        </Row>
      )}
      {f.types.length > 0 && <Row label="Type">{f.types.join(', ')}</Row>}
      {f.acceptanceRequired !== undefined && (
        <Row label="Acceptance" testId="endpoint-service-acceptance">
          {f.acceptanceRequired ? 'required: the owner accepts each connection' : 'automatic'}
        </Row>
      )}
      <Row label="Load balancers">
        <Lines items={f.loadBalancers} />
      </Row>
      {f.dnsNames.length > 0 && (
        <Row label="DNS names">
          <Lines items={f.dnsNames} />
        </Row>
      )}
      {f.privateDnsName && (
        <Row label="Private DNS name">
          <span className={mono}>{f.privateDnsName}</span>
        </Row>
      )}
      <Row label="Allowed principals" testId="endpoint-service-principals">
        {f.allowedPrincipals === undefined ? (
          <span className="text-slate-400">not readable</span>
        ) : f.allowedPrincipals.length === 0 ? (
          <span className="text-slate-400">none: only the owner can connect</span>
        ) : (
          <span className="flex flex-col">
            {f.allowedPrincipals.map((p) => {
              const account = principalAccount(p.principal);
              return (
                <span key={p.principal}>
                  <span className={mono}>{p.principal}</span>
                  {account && accountNames.has(account) && <span className="text-slate-500"> {accountNames.get(account)}</span>}
                </span>
              );
            })}
          </span>
        )}
      </Row>
      <Row label={`Connections (${f.connections.length})`} testId="endpoint-service-connections">
        {f.connections.length === 0 ? (
          <span className="text-slate-400">none</span>
        ) : (
          <span className="flex flex-col gap-1">
            {f.connections.map((c) => (
              <span key={c.endpoint.id} className="flex flex-wrap items-center gap-1.5" data-testid="endpoint-connection-row">
                <State state={c.state} />
                <Link node={c.endpoint} onSelect={onSelect} />
                <span className="text-slate-500">{accountLabel(c.account, accountNames)}</span>
              </span>
            ))}
          </span>
        )}
      </Row>
    </Section>
  );
}

function InstanceSection({ topology, node, onSelect }: Props) {
  const f = instanceFacts(topology, node);
  return (
    <Section title="Instance" testId="details-instance">
      <Row label="State" testId="instance-state">
        <State state={f.state} />
      </Row>
      {f.type && (
        <Row label="Type" testId="instance-type">
          <span className={mono}>{f.type}</span>
        </Row>
      )}
      {f.privateIp && (
        <Row label="Private IP" testId="instance-ip">
          <span className={mono}>{f.privateIp}</span>
        </Row>
      )}
      {f.subnet && (
        <Row label="Subnet">
          <Refs refs={[f.subnet]} onSelect={onSelect} />
        </Row>
      )}
      <Row label="Security groups">
        <Refs refs={f.securityGroups} onSelect={onSelect} />
      </Row>
    </Section>
  );
}

const POINTS_AT_WORD: Record<string, string> = { INSTANCE: 'Instance', IP: 'IP address', LAMBDA: 'Lambda function', ALB: 'Application Load Balancer' };

/** One target's "points at" cell: the resource when known, else what the target names. */
export function TargetPointsAtCell({ topology, target, onSelect }: { topology: Topology; target: TopologyNode; onSelect: (id: string) => void }) {
  const p = targetPointsAt(topology, target);
  if (p.node) {
    const ip = typeof p.node.description.PrivateIpAddress === 'string' && p.type === 'INSTANCE' ? ` ${p.node.description.PrivateIpAddress}` : '';
    return (
      <Link node={p.node} onSelect={onSelect}>
        {p.node.name}
        <span className="text-slate-400">{ip}</span>
      </Link>
    );
  }
  if (p.type === 'ALB') return <span className="text-slate-500">load balancer</span>;
  return <span className="text-slate-400">{p.type === 'IP' ? 'no instance holds it' : ''}</span>;
}

function TargetSection({ topology, node, onSelect }: Props) {
  const p = targetPointsAt(topology, node);
  return (
    <Section title="Points at" testId="details-target">
      <Row label={POINTS_AT_WORD[p.type] ?? 'Target'}>
        <span className={mono}>{p.reference}</span>
      </Row>
      {p.node && (
        <Row label="Resource">
          <Link node={p.node} onSelect={onSelect} />
        </Row>
      )}
    </Section>
  );
}

export function NetworkingDetails(props: Props) {
  switch (props.node.kind) {
    case 'vpcEndpoint':
      return <EndpointSection {...props} />;
    case 'vpcEndpointService':
      return <EndpointServiceSection {...props} />;
    case 'instance':
      return <InstanceSection {...props} />;
    case 'target':
      return <TargetSection {...props} />;
    default:
      return null;
  }
}
