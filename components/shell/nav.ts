// The console's navigation: one entry per area, shown only to users whose roles allow it.
// An area adds its entry here, in one line, when its page works. The home page (`/`) sends
// everyone who may see the topology there; users without a role see an overview instead.
import type { Role } from '@/lib/auth/roles';
import type { IconName } from './icons';

export interface NavEntry {
  href: string;
  label: string;
  /** The role needed to see the entry (admins see everything; editors and approvers see viewer entries). */
  role: Role;
  section: 'console' | 'admin';
  icon: IconName;
}

export const navEntries: NavEntry[] = [
  { href: '/topology', label: 'Topology', role: 'viewer', section: 'console', icon: 'graph' },
  { href: '/access', label: 'Access', role: 'viewer', section: 'console', icon: 'key' },
  { href: '/designs', label: 'Designs', role: 'viewer', section: 'console', icon: 'plan' },
  { href: '/plans', label: 'Plans', role: 'viewer', section: 'console', icon: 'apply' },
  { href: '/shares', label: 'Shares', role: 'viewer', section: 'console', icon: 'share' },
  { href: '/invitations', label: 'Invitations', role: 'viewer', section: 'console', icon: 'list' },
  { href: '/admin/users', label: 'Users', role: 'admin', section: 'admin', icon: 'users' },
  { href: '/admin/tokens', label: 'API tokens', role: 'admin', section: 'admin', icon: 'key' },
  { href: '/audit', label: 'Audit log', role: 'admin', section: 'admin', icon: 'list' },
  { href: '/admin/accounts', label: 'AWS accounts', role: 'admin', section: 'admin', icon: 'settings' },
];

/** A count shown beside an entry (plans waiting for this approver), with what it counts. */
export interface NavBadge {
  count: number;
  title: string;
}

export const navSections: Record<NavEntry['section'], string> = { console: 'Console', admin: 'Administration' };

/** The role the nav entry for `path` (or the page under it) needs; null for a path no entry covers. */
export function neededRole(path: string): Role | null {
  const entry = navEntries.filter((e) => path === e.href || path.startsWith(`${e.href}/`)).sort((a, b) => b.href.length - a.href.length)[0];
  return entry?.role ?? null;
}
