// Writes model-shapes.generated.json: the input shapes of the calls a plan makes, and every
// shape they reach, copied from the service models (documentation dropped).
// Run: npx tsx lib/topology/design/generate-model-shapes.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadModel } from '@/lib/models/loader';
import type { ServiceModel, Shape } from '@/lib/models';
import { SLICED_OPERATIONS, type ModelSlice } from './model-shapes';

function slice(model: ServiceModel, operations: readonly string[]): ModelSlice {
  const inputs: Record<string, string> = {};
  const shapes: Record<string, Shape> = {};
  const visit = (name: string) => {
    if (shapes[name]) return;
    const shape = model.shapes[name];
    if (!shape) throw new Error(`shape ${name} is not in the model`);
    const { documentation: _doc, ...rest } = shape as Shape & { documentation?: string };
    void _doc;
    const copy = JSON.parse(JSON.stringify(rest, (k, v) => (k === 'documentation' ? undefined : v))) as Shape;
    shapes[name] = copy;
    for (const m of Object.values(copy.members ?? {})) visit(m.shape);
    if (copy.member) visit(copy.member.shape);
    if (copy.key) visit(copy.key.shape);
    if (copy.value) visit(copy.value.shape);
  };
  for (const op of operations) {
    const input = model.operations[op]?.input?.shape;
    if (!input) throw new Error(`operation ${op} has no input shape`);
    inputs[op] = input;
    visit(input);
  }
  const sorted = Object.fromEntries(Object.keys(shapes).sort().map((k) => [k, shapes[k]]));
  return { inputs, shapes: sorted };
}

export function generateModelShapes(): string {
  const out = {
    'vpc-lattice': slice(loadModel('vpc-lattice'), SLICED_OPERATIONS['vpc-lattice']),
    ec2: slice(loadModel('ec2-subset'), SLICED_OPERATIONS.ec2),
    iam: slice(loadModel('iam'), SLICED_OPERATIONS.iam),
  };
  return `${JSON.stringify(out, null, 1)}\n`;
}

export const GENERATED_PATH = fileURLToPath(new URL('./model-shapes.generated.json', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(GENERATED_PATH, generateModelShapes());
  console.log(`wrote ${GENERATED_PATH}`);
}
