'use client';
// The plan as Markdown for a pull request: copied to the clipboard, or downloaded as a file.
import { useState } from 'react';
import { planMarkdown, type PlanMarkdownInput } from '@/lib/plan';
import { Button } from '@/components/ui/button';
import { downloadBlob } from '@/components/canvas/export';

export function PlanMarkdownButtons({ input }: { input: Omit<PlanMarkdownInput, 'url'> }) {
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);
  const text = () => planMarkdown({ ...input, url: window.location.href });
  async function copy() {
    try {
      await navigator.clipboard.writeText(text());
      setCopied('copied');
    } catch {
      // The clipboard needs a secure context and permission; the download always works.
      setCopied('failed');
    }
  }
  return (
    <div className="flex items-center gap-1" role="group" aria-label="Plan as Markdown">
      <Button onClick={copy} data-testid="plan-markdown-copy" title="The plan as Markdown, for a pull request">
        {copied === 'copied' ? 'Copied' : copied === 'failed' ? 'Copy refused: download it' : 'Copy as Markdown'}
      </Button>
      <Button variant="ghost" onClick={() => downloadBlob(new Blob([text()], { type: 'text/markdown' }), `trellis-plan-${input.plan.id.slice(0, 8)}.md`)} data-testid="plan-markdown-download" aria-label="Download the plan as Markdown">
        .md
      </Button>
    </div>
  );
}
