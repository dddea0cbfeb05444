import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { ROLE_MEANINGS, ROLES, can, effectiveRoles, requireUser } from '@/lib/auth';
import { getConfig } from '@/lib/config';
import { Badge, RoleBadge } from '@/components/ui/badge';
import { PageHeader, Panel } from '@/components/ui/panel';
import { visibleSections } from '@/components/shell/app-shell';
import { navEntries } from '@/components/shell/nav';
import { Icon } from '@/components/shell/icons';

export const metadata: Metadata = { title: 'Overview' };

export default async function OverviewPage() {
  const user = await requireUser();
  // The console opens on the topology once that area is in the navigation (nav.ts lists an
  // area only when its page works). Until then, and for users without a role, this overview.
  const topology = navEntries.find((e) => e.href === '/topology');
  if (topology && can(user, topology.role)) redirect('/topology');
  const config = getConfig();
  const held = effectiveRoles(user.roles);
  const areas = visibleSections(user).flatMap((s) => s.entries).filter((e) => e.href !== '/');

  return (
    <div className="max-w-5xl">
      <PageHeader title={`Welcome, ${user.displayName || user.name}`} description="Who you are in Trellis and what your roles let you do." />

      <div className="grid gap-4 lg:grid-cols-3">
        <Panel title="Your account" className="lg:col-span-1">
          <dl className="space-y-2.5 text-sm">
            <div className="flex justify-between gap-4">
              <dt className="text-slate-500">User name</dt>
              <dd className="font-mono text-slate-900">{user.name}</dd>
            </div>
            <div className="flex justify-between gap-4">
              <dt className="text-slate-500">Signs in with</dt>
              <dd className="text-slate-900">{user.source === 'oidc' ? 'Single sign-on' : 'Password'}</dd>
            </div>
            <div className="flex justify-between gap-4">
              <dt className="text-slate-500">Roles</dt>
              <dd className="flex flex-wrap justify-end gap-1" data-testid="overview-roles">
                {user.roles.length ? user.roles.map((r) => <RoleBadge key={r} role={r} />) : <span className="text-slate-500">none yet</span>}
              </dd>
            </div>
            <div className="flex justify-between gap-4">
              <dt className="text-slate-500">Target</dt>
              <dd className="text-slate-900">{config.demo ? 'lattice-local (demo)' : 'AWS'}</dd>
            </div>
            <div className="flex justify-between gap-4">
              <dt className="text-slate-500">Session</dt>
              <dd className="text-right text-slate-900">
                {Math.round(config.session.idleSeconds / 60)} min idle · {Math.round(config.session.maxAgeSeconds / 3600)} h max
              </dd>
            </div>
          </dl>
        </Panel>

        <Panel title="What you can do" description="Roles add up; an admin can do everything." className="lg:col-span-2" bodyClassName="p-0">
          <ul className="divide-y divide-slate-100" data-testid="capabilities">
            {ROLES.map((role) => {
              const allowed = held.includes(role);
              return (
                <li key={role} className="flex items-center gap-3 px-4 py-2.5" data-role={role} data-allowed={allowed}>
                  <span className={allowed ? 'text-emerald-600' : 'text-slate-300'} aria-hidden="true">
                    {allowed ? '●' : '○'}
                  </span>
                  <div className="w-20 shrink-0">
                    <RoleBadge role={role} />
                  </div>
                  <span className={`flex-1 text-sm ${allowed ? 'text-slate-800' : 'text-slate-400'}`}>{ROLE_MEANINGS[role]}</span>
                  <Badge tone={allowed ? 'green' : 'neutral'}>{allowed ? 'allowed' : 'not allowed'}</Badge>
                </li>
              );
            })}
          </ul>
        </Panel>
      </div>

      <Panel title="Areas" description="The parts of the console your roles open." className="mt-4" bodyClassName="p-0">
        {areas.length ? (
          <ul className="grid divide-y divide-slate-100 sm:grid-cols-2 sm:divide-y-0">
            {areas.map((a) => (
              <li key={a.href}>
                <Link href={a.href} className="flex items-center gap-2.5 px-4 py-3 text-sm text-slate-700 hover:bg-slate-50 hover:text-indigo-700">
                  <Icon name={a.icon} className="size-4 text-slate-400" />
                  {a.label}
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="px-4 py-4 text-sm text-slate-500">
            {can(user, 'viewer') ? 'More areas appear here as they become available to your roles.' : 'You have no role yet. Ask an admin to give you one.'}
          </p>
        )}
      </Panel>
    </div>
  );
}
