// Writes model-rules.generated.json: what sharing validates against, copied from the service
// models. VPC Lattice's resource-policy calls (Get/Put/DeleteResourcePolicy) take a
// `ResourceArn` whose pattern lists exactly the Lattice resources that can be shared, since a
// share is a resource policy RAM writes; the other `*Arn` patterns name what cannot.
// Run: npx tsx lib/sharing/generate-model-rules.ts (a test checks that the file is current).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadModel } from '@/lib/models/loader';
import type { ServiceModel } from '@/lib/models';

function memberShape(model: ServiceModel, structure: string, member: string): string {
  const shape = model.shapes[structure]?.members?.[member]?.shape;
  if (!shape) throw new Error(`${structure}.${member} is not in the model`);
  return shape;
}

function pattern(model: ServiceModel, shape: string): string {
  const p = model.shapes[shape]?.pattern;
  if (!p) throw new Error(`shape ${shape} has no pattern`);
  return p;
}

function enumOf(model: ServiceModel, shape: string): string[] {
  const e = model.shapes[shape]?.enum;
  if (!e) throw new Error(`shape ${shape} has no enum`);
  return e;
}

export function generateModelRules(): string {
  const lattice = loadModel('vpc-lattice');
  const ram = loadModel('ram');
  const policyShapes = ['PutResourcePolicyRequest', 'GetResourcePolicyRequest', 'DeleteResourcePolicyRequest'].map((s) => memberShape(lattice, s, 'resourceArn'));
  if (new Set(policyShapes).size !== 1) throw new Error(`the resource-policy calls disagree on their resourceArn shape: ${policyShapes.join(', ')}`);
  const shareable = policyShapes[0];
  // Every Lattice ARN shape with a `…:vpc-lattice:…:TYPE/prefix-…` pattern, to name what a given ARN is.
  const arns: Record<string, string> = {};
  for (const [name, shape] of Object.entries(lattice.shapes)) {
    if (!name.endsWith('Arn') || !shape.pattern || name === shareable) continue;
    if (/:vpc-lattice:.*:\\d\{12\}:[a-z]+\//.test(shape.pattern)) arns[name] = shape.pattern;
  }
  const maxResults = ram.shapes.MaxResults;
  const out = {
    lattice: {
      shareableArn: { shape: shareable, pattern: pattern(lattice, shareable) },
      accountId: pattern(lattice, 'AccountId'),
      arns: Object.fromEntries(Object.keys(arns).sort().map((k) => [k, arns[k]])),
    },
    ram: {
      invitationStatus: enumOf(ram, 'ResourceShareInvitationStatus'),
      shareStatus: enumOf(ram, 'ResourceShareStatus'),
      associationStatus: enumOf(ram, 'ResourceShareAssociationStatus'),
      resourceOwner: enumOf(ram, 'ResourceOwner'),
      maxResults: { min: maxResults?.min ?? 1, max: maxResults?.max ?? 500 },
    },
  };
  return `${JSON.stringify(out, null, 1)}\n`;
}

export const GENERATED_PATH = fileURLToPath(new URL('./model-rules.generated.json', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(GENERATED_PATH, generateModelRules());
  console.log(`wrote ${GENERATED_PATH}`);
}
