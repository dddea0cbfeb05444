// A plan as Markdown for a pull request, read the way `terraform plan` output is: the totals
// line, then each account's operations in the order they run, each with its symbol (+ create,
// ~ update, -/+ replace, - destroy), the API call it makes and its field changes, and the
// destructive ones' consequences spelled out above everything else.

import type { FieldChange, Json } from '@/lib/topology';
import type { OperationAction, PlanOperation, PlanSummary } from './types';

export interface PlanMarkdownInput {
  plan: {
    id: string;
    designName: string;
    designVersion: number;
    status: string;
    createdBy: string;
    createdAt: string;
    summary: PlanSummary;
    warnings: string[];
  };
  operations: readonly PlanOperation[];
  accountNames?: Readonly<Record<string, string>>;
  /** The plan's page, linked from the heading. */
  url?: string;
}

const SYMBOL: Record<OperationAction, string> = { create: '+', associate: '+', update: '~', putPolicy: '~', delete: '-', disassociate: '-', deletePolicy: '-' };
const WORD: Record<OperationAction, string> = { create: 'create', associate: 'associate', update: 'update in place', putPolicy: 'put policy', delete: 'destroy', disassociate: 'disassociate', deletePolicy: 'delete policy' };
const DESTRUCTIVE: ReadonlySet<OperationAction> = new Set(['delete', 'disassociate', 'deletePolicy']);

function symbolOf(op: PlanOperation): string {
  return op.replacement ? '-/+' : SYMBOL[op.action];
}

function wordOf(op: PlanOperation): string {
  return op.replacement ? (DESTRUCTIVE.has(op.action) ? 'replace (destroy)' : 'replace (create)') : WORD[op.action];
}

/** A value as it reads in a diff line: JSON, shortened when long. */
export function showValue(value: Json | undefined): string {
  if (value === undefined) return '(none)';
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function changeLine(c: FieldChange): string {
  if (c.before === undefined) return `+     ${c.path} = ${showValue(c.after)}`;
  if (c.after === undefined) return `-     ${c.path} = ${showValue(c.before)}`;
  return `~     ${c.path} = ${showValue(c.before)} -> ${showValue(c.after)}`;
}

/** A fence longer than any run of backticks inside, so nothing in a value can close the block. */
function fence(body: string): string {
  const longest = Math.max(2, ...(body.match(/`+/g) ?? []).map((m) => m.length));
  return '`'.repeat(longest + 1);
}

function accountTitle(account: string, names: Readonly<Record<string, string>>): string {
  const name = names[account];
  return name ? `${name} (\`${account}\`)` : `\`${account}\``;
}

function inline(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1');
}

export function totalsLine(s: PlanSummary, operations: number): string {
  if (operations === 0) return '**No changes.** The live estate matches the design.';
  return `**Plan:** ${s.create + s.associate} to add, ${s.update + s.putPolicy} to change, ${s.replace} to replace, ${s.delete + s.disassociate + s.deletePolicy} to destroy (${operations} API call${operations === 1 ? '' : 's'}).`;
}

export function planMarkdown({ plan, operations, accountNames = {}, url }: PlanMarkdownInput): string {
  const out: string[] = [];
  const id = plan.id.slice(0, 8);
  out.push(`### Trellis plan ${url ? `[\`${id}\`](${url})` : `\`${id}\``}: ${inline(plan.designName)}, version ${plan.designVersion}`);
  out.push('');
  out.push(totalsLine(plan.summary, operations.length));
  out.push('');
  out.push(`Computed by ${inline(plan.createdBy)} at ${plan.createdAt.slice(0, 16).replace('T', ' ')} UTC · status: ${plan.status}`);

  const destructive = operations.filter((o) => DESTRUCTIVE.has(o.action));
  if (destructive.length) {
    out.push('');
    out.push(`> [!WARNING]`);
    out.push(`> ${destructive.length} destructive operation${destructive.length === 1 ? '' : 's'}:`);
    for (const o of destructive) out.push(`> - **${wordOf(o)}** ${inline(o.label)} in ${accountTitle(o.account, accountNames)}${o.consequence ? `: ${inline(o.consequence)}` : ''}`);
  }
  if (plan.warnings.length) {
    out.push('');
    out.push('**Warnings**');
    out.push('');
    for (const w of plan.warnings) out.push(`- ${inline(w)}`);
  }

  // Accounts in the order their first operation runs; operations in run order inside each.
  const byAccount = new Map<string, PlanOperation[]>();
  for (const o of operations) {
    const key = `${o.account}|${o.region}`;
    const list = byAccount.get(key);
    if (list) list.push(o);
    else byAccount.set(key, [o]);
  }
  for (const [key, ops] of byAccount) {
    const [account, region] = key.split('|');
    const lines: string[] = [];
    for (const o of ops) {
      lines.push(`${symbolOf(o)} ${o.label}  # ${wordOf(o)}: ${o.service} ${o.call}`);
      for (const c of o.changes) lines.push(changeLine(c));
      if (o.consequence) lines.push(`!     ${o.consequence}`);
    }
    const body = lines.join('\n');
    const f = fence(body);
    out.push('');
    out.push(`#### ${accountTitle(account, accountNames)} · ${region}`);
    out.push('');
    out.push(`${f}diff`);
    out.push(body);
    out.push(f);
  }
  out.push('');
  return out.join('\n');
}
