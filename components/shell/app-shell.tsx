import type { ReactNode } from 'react';
import { can, type Role } from '@/lib/auth/roles';
import { Brand } from './brand';
import { navEntries, navSections, type NavBadge, type NavEntry } from './nav';
import { SidebarNav } from './sidebar-nav';
import { UserCard } from './user-card';

interface ShellUser {
  name: string;
  displayName: string | null;
  roles: Role[];
}

/** The entries this user may see, by section, in the order of nav.ts. */
export function visibleSections(user: ShellUser): { label: string; entries: NavEntry[] }[] {
  return (Object.keys(navSections) as NavEntry['section'][])
    .map((section) => ({ label: navSections[section], entries: navEntries.filter((e) => e.section === section && can(user, e.role)) }))
    .filter((s) => s.entries.length > 0);
}

export function AppShell({ user, environment, children, badges }: { user: ShellUser; environment: string; children: ReactNode; badges?: Record<string, NavBadge> }) {
  return (
    <div className="flex min-h-screen">
      <aside className="w-56 shrink-0 border-r border-slate-200 bg-slate-50/80">
        <div className="sticky top-0 flex h-screen flex-col px-3 py-4">
          <div className="px-1 pb-5">
            <Brand subtitle="VPC Lattice console" />
          </div>
          <div className="flex-1 overflow-y-auto">
            <SidebarNav sections={visibleSections(user)} badges={badges} />
          </div>
          <div className="space-y-2 pt-4">
            <div className="px-1 text-[11px] text-slate-500" data-testid="environment">{environment}</div>
            <UserCard name={user.name} displayName={user.displayName} roles={user.roles} />
          </div>
        </div>
      </aside>
      <main className="min-w-0 flex-1 px-8 py-6">{children}</main>
    </div>
  );
}
