import type { Metadata } from 'next';
import { getUsers, requireRole } from '@/lib/auth';
import { PageHeader, Panel } from '@/components/ui/panel';
import { CreateUserForm } from '@/components/admin/create-user-form';
import { UsersTable } from '@/components/admin/users-table';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  const me = await requireRole('admin');
  const users = await getUsers();
  const enabled = users.filter((u) => !u.disabledAt).length;
  return (
    <div className="max-w-6xl space-y-4">
      <PageHeader
        title="Users"
        description={`${users.length} user${users.length === 1 ? '' : 's'}, ${enabled} enabled. Disabling a user or changing their password ends their sessions at once.`}
      />
      <Panel title="Add a user" description="A local account with a password. Single sign-on users appear here after their first sign-in.">
        <CreateUserForm />
      </Panel>
      <Panel title="All users" bodyClassName="p-0">
        <UsersTable
          currentUserName={me.name}
          users={users.map((u) => ({
            name: u.name,
            displayName: u.displayName,
            roles: u.roles,
            source: u.source,
            disabled: u.disabledAt !== null,
            lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
            createdAt: u.createdAt.toISOString(),
            activeSessions: u.activeSessions,
          }))}
        />
      </Panel>
    </div>
  );
}
