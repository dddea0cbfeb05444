// What the sharing pages show when RAM cannot be read at all: the page's title and the reason,
// readable, never a stack trace.
import { RequestError } from '@/lib/auth/errors';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/panel';

export function SharingUnavailable({ title, what, error, className }: { title: string; what: string; error: unknown; className: string }) {
  return (
    <div className={className}>
      <PageHeader title={title} />
      <Alert tone="error" title={`${what} cannot be read`}>
        {error instanceof RequestError ? error.message : 'RAM could not be read; the server log has the details.'}
      </Alert>
    </div>
  );
}
