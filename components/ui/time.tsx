/** A timestamp in UTC, to the minute (seconds on hover), the same on server and client. */
export function Time({ value, empty = '—' }: { value: Date | string | null | undefined; empty?: string }) {
  if (!value) return <span className="text-slate-400">{empty}</span>;
  const date = typeof value === 'string' ? new Date(value) : value;
  const iso = date.toISOString();
  return (
    <time dateTime={iso} title={`${iso.replace('T', ' ').slice(0, 19)} UTC`} className="whitespace-nowrap tabular-nums">
      {iso.slice(0, 16).replace('T', ' ')}
    </time>
  );
}
