'use client';
// The palette: one button per kind of box. A service comes with an HTTP listener, so it can
// be connected to a target group at once.
import { DESIGN_KIND_INFO, PALETTE_KINDS, type PaletteKind } from '@/lib/topology/design';
import { KindIcon } from '@/components/canvas/kind-icon';

const HINTS: Record<PaletteKind, string> = {
  serviceNetwork: 'Groups services and VPCs',
  service: 'With an HTTP listener',
  targetGroup: 'Where a listener forwards',
  resourceGateway: 'Entry into a VPC for resources',
  resourceConfiguration: 'A database, a DNS name, an IP',
  serviceNetworkVpcEndpoint: 'Reach another network from a VPC',
  iamRole: "A caller's identity, per account",
};

export function Palette({ onAdd, disabled }: { onAdd(kind: PaletteKind): void; disabled: boolean }) {
  return (
    <nav aria-label="Palette" className="space-y-1 p-2">
      <p className="px-1.5 pt-1 pb-1.5 text-[10px] font-semibold tracking-wide text-slate-500 uppercase">Add to the design</p>
      {PALETTE_KINDS.map((kind) => (
        <button
          key={kind}
          type="button"
          disabled={disabled}
          onClick={() => onAdd(kind)}
          data-testid={`palette-${kind}`}
          className="flex w-full items-start gap-2 rounded-md px-1.5 py-1.5 text-left hover:bg-white hover:shadow-xs hover:ring-1 hover:ring-slate-200 disabled:cursor-not-allowed disabled:opacity-50"
        >
          <span className="mt-0.5 rounded bg-white p-1 text-slate-600 ring-1 ring-slate-200">
            <KindIcon kind={kind === 'serviceNetworkVpcEndpoint' ? 'vpcEndpoint' : kind} className="size-3.5" />
          </span>
          <span className="min-w-0">
            <span className="block text-[12.5px] font-medium text-slate-800">{kind === 'serviceNetworkVpcEndpoint' ? 'VPC endpoint' : DESIGN_KIND_INFO[kind].label}</span>
            <span className="block truncate text-[11px] text-slate-500">{HINTS[kind]}</span>
          </span>
        </button>
      ))}
    </nav>
  );
}
