'use client';
import { useState } from 'react';
import { Button } from '@/components/ui/button';

/** A new token's secret: shown here once, never stored, never shown again. */
export function TokenSecret({ secret, label, user, expiresAt, scope, onDismiss }: { secret: string; label: string; user: string; expiresAt?: string | null; scope?: string; onDismiss: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="rounded-md bg-emerald-50 p-3 ring-1 ring-emerald-200 ring-inset" role="status">
      <p className="text-sm font-medium text-emerald-900">
        Token “{label}” for {user} was created. Copy it now: it will not be shown again.
      </p>
      <p className="mt-1 text-xs text-emerald-800" data-testid="token-terms">
        {scope === 'read-only' ? 'Read-only (GET requests only). ' : ''}
        {expiresAt ? `Expires ${expiresAt.slice(0, 16).replace('T', ' ')} UTC.` : ''}
      </p>
      <div className="mt-2 flex items-center gap-2">
        <code className="min-w-0 flex-1 truncate rounded bg-white px-2 py-1.5 font-mono text-xs text-slate-900 ring-1 ring-emerald-200" data-testid="token-secret">
          {secret}
        </code>
        <Button
          size="sm"
          onClick={async () => {
            await navigator.clipboard?.writeText(secret).catch(() => undefined);
            setCopied(true);
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </Button>
        <Button size="sm" variant="ghost" onClick={onDismiss}>
          Done
        </Button>
      </div>
      <p className="mt-2 text-xs text-emerald-800">
        Use it as <code className="font-mono">Authorization: Bearer {'<token>'}</code> on any /api route.
      </p>
    </div>
  );
}
