import type { ReactNode } from 'react';
import { requireUser } from '@/lib/auth';
import { getConfig } from '@/lib/config';
import { AppShell } from '@/components/shell/app-shell';

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const config = getConfig();
  const environment = config.demo ? 'Demo mode · lattice-local' : 'Connected to AWS';
  return (
    <AppShell user={{ name: user.name, displayName: user.displayName, roles: user.roles }} environment={environment}>
      {children}
    </AppShell>
  );
}
