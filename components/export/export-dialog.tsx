'use client';
// "Export as Terraform / CloudFormation": a button that opens a preview of what /api/export
// writes for one of the offered scopes, file by file with syntax highlighting, with copy and a
// zip download.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { highlight, type TokenKind } from './highlight';

export interface ExportScopeOption {
  /** The API's scope: `estate`, `account:<id>`, `design:<id>`, `plan:<id>`, `selection:<arn,…>`. */
  scope: string;
  label: string;
}

type Format = 'terraform' | 'cloudformation';
interface ExportResponse {
  files: { path: string; content: string }[];
  notes: string[];
  summary: { resources: number; imports: number; variables: number };
}

const TOKEN_CLASS: Record<TokenKind, string> = {
  comment: 'text-slate-400 italic',
  string: 'text-emerald-300',
  keyword: 'text-fuchsia-300',
  ref: 'text-sky-300',
  key: 'text-amber-200',
  number: 'text-orange-300',
  tag: 'text-fuchsia-300',
  plain: '',
};

async function fetchExport(format: Format, scope: string): Promise<ExportResponse> {
  const res = await fetch(`/api/export?format=${format}&scope=${encodeURIComponent(scope)}`, { headers: { Accept: 'application/json' } });
  const body = await res.json();
  if (!res.ok) throw new Error(body?.error?.message ?? `Export failed (${res.status})`);
  return body as ExportResponse;
}

function Code({ text, language }: { text: string; language: 'hcl' | 'yaml' }) {
  const tokens = useMemo(() => (text.length > 400_000 ? [{ kind: 'plain' as const, text }] : highlight(text, language)), [text, language]);
  return (
    <pre className="min-h-full p-4 font-mono text-[12px] leading-[1.55] text-slate-100" data-testid="export-preview">
      {tokens.map((t, i) => (t.kind === 'plain' ? t.text : <span key={i} className={TOKEN_CLASS[t.kind]}>{t.text}</span>))}
    </pre>
  );
}

export function ExportButton({ scopes, size = 'md', label = 'Export as Terraform / CloudFormation' }: { scopes: ExportScopeOption[]; size?: 'sm' | 'md'; label?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size={size} onClick={() => setOpen(true)} disabled={!scopes.length} data-testid="export-iac">
        {label}
      </Button>
      {open && <ExportDialog scopes={scopes} onClose={() => setOpen(false)} />}
    </>
  );
}

export function ExportDialog({ scopes, onClose }: { scopes: ExportScopeOption[]; onClose: () => void }) {
  const [scope, setScope] = useState(scopes[0]?.scope ?? 'estate');
  const [format, setFormat] = useState<Format>('terraform');
  const [fileIndex, setFileIndex] = useState(0);
  const [copied, setCopied] = useState(false);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const query = useQuery({ queryKey: ['export', format, scope], queryFn: () => fetchExport(format, scope), staleTime: 30_000 });
  const files = query.data?.files ?? [];
  const file = files[Math.min(fileIndex, Math.max(0, files.length - 1))];

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const copy = async () => {
    if (!file) return;
    await navigator.clipboard.writeText(file.content).catch(() => undefined);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  const download = async () => {
    setDownloadError(null);
    const res = await fetch(`/api/export?format=${format}&scope=${encodeURIComponent(scope)}`, { headers: { Accept: 'application/zip' } });
    if (!res.ok) {
      setDownloadError((await res.json().catch(() => null))?.error?.message ?? `Download failed (${res.status})`);
      return;
    }
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `trellis-${format}.zip`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 5_000);
  };

  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-6" role="dialog" aria-modal="true" aria-label="Export as code" data-testid="export-dialog" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="flex h-[min(860px,100%)] w-[min(1240px,100%)] flex-col overflow-hidden rounded-xl bg-white shadow-2xl ring-1 ring-slate-200">
        <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-3">
          <h2 className="text-[15px] font-semibold text-slate-900">Export as code</h2>
          <div className="flex rounded-md ring-1 ring-slate-300" role="tablist" aria-label="Format">
            {(['terraform', 'cloudformation'] as const).map((f) => (
              <button
                key={f}
                type="button"
                role="tab"
                aria-selected={format === f}
                className={cn('h-8 px-3 text-sm first:rounded-l-md last:rounded-r-md', format === f ? 'bg-indigo-600 text-white' : 'bg-white text-slate-700 hover:bg-slate-50')}
                onClick={() => {
                  setFormat(f);
                  setFileIndex(0);
                }}
                data-testid={`export-format-${f}`}
              >
                {f === 'terraform' ? 'Terraform' : 'CloudFormation'}
              </button>
            ))}
          </div>
          {scopes.length > 1 ? (
            <select
              className="h-8 max-w-80 rounded-md bg-white px-2 text-sm text-slate-700 ring-1 ring-slate-300"
              value={scope}
              onChange={(e) => {
                setScope(e.target.value);
                setFileIndex(0);
              }}
              aria-label="What to export"
              data-testid="export-scope"
            >
              {scopes.map((s) => (
                <option key={s.scope} value={s.scope}>
                  {s.label}
                </option>
              ))}
            </select>
          ) : (
            <span className="text-sm text-slate-600">{scopes[0]?.label}</span>
          )}
          {query.data && (
            <span className="text-[12px] text-slate-500" data-testid="export-summary">
              {query.data.summary.resources} resources · {files.length} files
              {format === 'terraform' && ` · ${query.data.summary.imports} import blocks`} · {query.data.summary.variables} {format === 'terraform' ? 'variables' : 'parameters'}
            </span>
          )}
          <div className="ml-auto flex items-center gap-2">
            <Button onClick={copy} disabled={!file} data-testid="export-copy">
              {copied ? 'Copied' : 'Copy file'}
            </Button>
            <Button variant="primary" onClick={download} disabled={!files.length} data-testid="export-download">
              Download zip
            </Button>
            <Button variant="ghost" onClick={onClose} aria-label="Close">
              ✕
            </Button>
          </div>
        </div>
        {downloadError && (
          <div className="border-b border-red-200 bg-red-50 px-4 py-2 text-[12.5px] text-red-800" role="alert">
            {downloadError}
          </div>
        )}
        <div className="flex min-h-0 flex-1">
          <nav className="w-72 shrink-0 overflow-y-auto border-r border-slate-200 bg-slate-50 py-2" aria-label="Files">
            {files.map((f, i) => (
              <button
                key={f.path}
                type="button"
                title={f.path}
                className={cn('block w-full truncate px-3 py-1.5 text-left font-mono text-[12px]', f === file ? 'bg-indigo-50 font-semibold text-indigo-800' : 'text-slate-700 hover:bg-slate-100')}
                onClick={() => setFileIndex(i)}
                data-testid="export-file"
              >
                {f.path}
              </button>
            ))}
            {query.data && query.data.notes.length > 0 && (
              <div className="mt-3 border-t border-slate-200 px-3 pt-2" data-testid="export-notes">
                <h3 className="mb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">Notes</h3>
                <ul className="space-y-1.5 text-[11.5px] leading-snug text-slate-600">
                  {query.data.notes.slice(0, 30).map((n) => (
                    <li key={n}>{n}</li>
                  ))}
                  {query.data.notes.length > 30 && <li>…and {query.data.notes.length - 30} more (in the files&apos; headers)</li>}
                </ul>
              </div>
            )}
          </nav>
          <div className="min-w-0 flex-1 overflow-auto bg-slate-900">
            {query.isError ? (
              <p className="p-4 text-sm text-red-300" role="alert">
                {(query.error as Error).message}
              </p>
            ) : !file ? (
              <p className="p-4 text-sm text-slate-400">{query.isLoading ? 'Exporting…' : 'Nothing to export.'}</p>
            ) : (
              <Code text={file.content} language={file.path.endsWith('.tf') ? 'hcl' : 'yaml'} />
            )}
          </div>
        </div>
      </div>
    </div>
  );
}
