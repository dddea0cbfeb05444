import type { NextRequest } from 'next/server';
import { badRequest, notFound, withUser } from '@/lib/auth';
import { completeSnapshot, currentSnapshot, loadAccounts } from '@/lib/estate/server';
import { exportIac, parseExportQuery, sourceFromDesign, sourceFromPlan, sourceFromTopology, zipFiles, type ExportScope, type IacSource } from '@/lib/iac';
import { getDesign } from '@/lib/plan/designs';
import { getPlanView } from '@/lib/plan/server';
import type { Topology } from '@/lib/topology';

export const dynamic = 'force-dynamic';

async function sourceFor(scope: ExportScope): Promise<IacSource> {
  const [snapshot, accounts] = await Promise.all([currentSnapshot().then(completeSnapshot), loadAccounts()]);
  const topology = snapshot.topology as Topology;
  const names = Object.fromEntries(accounts.accounts.map((a) => [a.id, a.name]));
  switch (scope.kind) {
    case 'estate':
      return sourceFromTopology(topology, scope, names);
    case 'account':
      if (!topology.nodes.some((n) => n.account === scope.account)) throw notFound(`Account ${scope.account} has no resources in the newest snapshot of the estate.`);
      return sourceFromTopology(topology, scope, names);
    case 'selection': {
      const known = new Set(topology.nodes.map((n) => n.id));
      const unknown = scope.ids.filter((id) => !known.has(id));
      if (unknown.length) throw badRequest(`The selection names resources the estate does not hold: ${unknown.slice(0, 3).join(', ')}${unknown.length > 3 ? '…' : ''}`, [{ path: 'scope', rule: 'ARNs of resources in the newest snapshot of the estate' }]);
      return sourceFromTopology(topology, scope, names);
    }
    case 'design': {
      const design = await getDesign(scope.id);
      return sourceFromDesign(design.document, design.name, topology, names);
    }
    case 'plan': {
      const view = await getPlanView(scope.id);
      if (!view.plan.designId) throw notFound(`Plan ${scope.id} has no design any more, so there is nothing to export.`);
      const design = await getDesign(view.plan.designId);
      const source = sourceFromPlan(design.document, view.operations, design.name, topology, names);
      if (design.version !== view.plan.designVersion) source.notes.push(`The design has changed since this plan was made (version ${view.plan.designVersion} → ${design.version}); the export follows the design as it is now.`);
      return source;
    }
  }
}

/**
 * `GET /api/export?format=terraform|cloudformation&scope=estate|account:<id>|design:<id>|plan:<id>|selection:<arn,…>`:
 * `{ files: [{ path, content }], notes }`, or the files as a zip with `Accept: application/zip`.
 */
export const GET = withUser(async (req: NextRequest) => {
  const query = parseExportQuery(req.nextUrl.searchParams);
  if ('problems' in query) throw badRequest(`Invalid input: ${query.problems.map((p) => `${p.path}: ${p.rule}`).join('; ')}`, query.problems);
  const result = exportIac(await sourceFor(query.scope), query.format);
  if ((req.headers.get('accept') ?? '').includes('application/zip')) {
    const name = `trellis-${query.format}-${query.scope.kind}.zip`;
    return new Response(zipFiles(result.files) as unknown as BodyInit, {
      headers: { 'Content-Type': 'application/zip', 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'no-store' },
    });
  }
  return Response.json({ files: result.files, notes: result.notes, summary: result.summary }, { headers: { 'Cache-Control': 'no-store' } });
});
