import type { ReactNode } from 'react';
import { requireUser } from '@/lib/auth';
import { getConfig } from '@/lib/config';
import { AppShell } from '@/components/shell/app-shell';
import { plansAwaitingApproval } from '@/lib/plan/server';

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const config = getConfig();
  const environment = config.demo ? 'Demo mode · lattice-local' : 'Connected to AWS';
  const waiting = await plansAwaitingApproval(user, config.requireApproval).catch(() => []);
  const badges = { '/plans': { count: waiting.length, title: `${waiting.length} plan${waiting.length === 1 ? '' : 's'} waiting for your approval` } };
  return (
    <AppShell user={{ name: user.name, displayName: user.displayName, roles: user.roles }} environment={environment} badges={badges}>
      {children}
    </AppShell>
  );
}
