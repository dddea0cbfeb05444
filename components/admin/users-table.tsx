'use client';
import { useRouter } from 'next/navigation';
import { Fragment, useState } from 'react';
import type { Role } from '@/lib/auth/roles';
import { Alert } from '@/components/ui/alert';
import { Badge, RoleBadge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Table, Td, Th } from '@/components/ui/table';
import { Time } from '@/components/ui/time';
import { callApi } from './api';
import { UserEditor } from './user-editor';

export interface UserListItem {
  name: string;
  displayName: string | null;
  roles: Role[];
  source: 'local' | 'oidc';
  disabled: boolean;
  lastSignInAt: string | null;
  createdAt: string;
  activeSessions: number;
}

/** Every user with their roles and state; row actions change one user at a time. */
export function UsersTable({ users, currentUserName }: { users: UserListItem[]; currentUserName: string }) {
  const router = useRouter();
  const [editing, setEditing] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);

  async function patch(name: string, body: Record<string, unknown>, done: string) {
    setBusy(name);
    setNotice(null);
    const result = await callApi('PATCH', `/api/users/${encodeURIComponent(name)}`, body);
    setBusy(null);
    setNotice(result.ok ? { tone: 'success', text: done } : { tone: 'error', text: result.message });
    if (result.ok) router.refresh();
  }

  return (
    <div>
      {notice && <Alert tone={notice.tone} className="m-3">{notice.text}</Alert>}
      <Table>
        <thead>
          <tr>
            <Th>User</Th>
            <Th>Roles</Th>
            <Th>Sign-in</Th>
            <Th>Status</Th>
            <Th className="text-right">Sessions</Th>
            <Th>Last sign-in (UTC)</Th>
            <Th className="text-right">
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => {
            const self = u.name === currentUserName;
            return (
              <Fragment key={u.name}>
                <tr className={u.disabled ? 'bg-slate-50/70' : undefined} data-testid={`user-row-${u.name}`}>
                  <Td>
                    <div className="font-mono text-[13px] text-slate-900">
                      {u.name}
                      {self && <span className="ml-1.5 font-sans text-[11px] text-slate-400">(you)</span>}
                    </div>
                    {u.displayName && <div className="text-xs text-slate-500">{u.displayName}</div>}
                  </Td>
                  <Td>
                    <div className="flex flex-wrap gap-1">{u.roles.length ? u.roles.map((r) => <RoleBadge key={r} role={r} />) : <span className="text-xs text-slate-400">none</span>}</div>
                  </Td>
                  <Td className="text-xs">{u.source === 'oidc' ? 'Single sign-on' : 'Password'}</Td>
                  <Td>{u.disabled ? <Badge tone="red">disabled</Badge> : <Badge tone="green">active</Badge>}</Td>
                  <Td className="text-right tabular-nums">{u.activeSessions}</Td>
                  <Td className="text-xs">
                    <Time value={u.lastSignInAt} empty="never" />
                  </Td>
                  <Td className="text-right">
                    <div className="flex justify-end gap-1.5">
                      <Button size="sm" variant="ghost" onClick={() => setEditing(editing === u.name ? null : u.name)} aria-expanded={editing === u.name}>
                        Edit
                      </Button>
                      {u.activeSessions > 0 && !self && (
                        <Button size="sm" variant="ghost" disabled={busy === u.name} onClick={() => patch(u.name, { endSessions: true }, `Ended every session of ${u.name}.`)}>
                          End sessions
                        </Button>
                      )}
                      {u.disabled ? (
                        <Button size="sm" disabled={busy === u.name} onClick={() => patch(u.name, { disabled: false }, `${u.name} is enabled and can sign in again.`)}>
                          Enable
                        </Button>
                      ) : (
                        <Button
                          size="sm"
                          variant="danger"
                          disabled={busy === u.name || self}
                          title={self ? 'You cannot disable your own account' : undefined}
                          onClick={() => patch(u.name, { disabled: true }, `${u.name} is disabled; their sessions have ended.`)}
                        >
                          Disable
                        </Button>
                      )}
                    </div>
                  </Td>
                </tr>
                {editing === u.name && (
                  <tr>
                    <td colSpan={7} className="border-b border-slate-200 bg-slate-50 px-3 py-3">
                      <UserEditor
                        user={u}
                        onDone={(text) => {
                          setEditing(null);
                          setNotice({ tone: 'success', text });
                          router.refresh();
                        }}
                        onCancel={() => setEditing(null)}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </Table>
    </div>
  );
}
