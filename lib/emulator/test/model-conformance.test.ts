// Generated from the service models: every implemented operation gets a valid request
// (its answer checked against the output shape) and one request per breakable constraint
// of its input (its answer checked for the validation error naming the field).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANIZATION, DEMO_ORGANIZATION_WITH_MEMBERS } from '@/lib/demo';
import { send, type Clients } from '@/lib/testing/clients';
import { ensureNetwork } from './support/network';
import { buildInput, implementedOperations, PLAN, type Actor, type Ctx, type Step } from './support/plan';
import { startHarness, type Harness } from '@/lib/testing/lattice-local';
import { ensureFunction, ensureLogGroup, ensureRole } from './support/identities';
import { checkOutput, loadModel, violations, type ServiceKey, type Violation } from './support/shapes';

const OWNER = '210000000001';
const INVITEE = '310000000002';
const REJECTER = '410000000003';
const SERVICES: ServiceKey[] = ['lattice', 'ram', 'ec2', 'sts'];

let h: Harness;
let ctx: Ctx;
const covered = new Map<ServiceKey, Set<string>>(SERVICES.map((s) => [s, new Set<string>()]));
const validInputs = new Map<Step, Record<string, unknown>>();
let brokenRequests = 0;

beforeAll(async () => {
  h = await startHarness({ organization: DEMO_ORGANIZATION_WITH_MEMBERS });
  await ensureNetwork(h, OWNER);
  // What the walk's AssumeRole, RegisterTargets and access-log steps refer to must exist.
  await ensureRole(h.server.context, OWNER, 'conformance');
  await ensureFunction(h.server.context, OWNER, 'orders-handler');
  for (const name of ['/lattice/conformance', '/lattice/conformance-archive']) await ensureLogGroup(h.server.context, OWNER, name);
  const clients: Record<Actor, Clients> = {
    owner: h.clients(OWNER),
    invitee: h.clients(INVITEE),
    rejecter: h.clients(REJECTER),
    management: h.clients(DEMO_ORGANIZATION.managementAccountId),
  };
  ctx = { account: OWNER, inviteeAccount: INVITEE, rejecterAccount: REJECTER, region: 'us-east-1', clients, v: {} };
});

afterAll(async () => {
  const line = SERVICES.map((s) => `${s} ${covered.get(s)!.size}/${implementedOperations(s).length}`).join(', ');
  console.log(`coverage: ${line}; ${brokenRequests} constraint-breaking requests refused as AWS would`);
  await h?.stop();
});

const seen = new Set<string>();

describe('every operation answers a valid request with its output shape', () => {
  for (const step of PLAN) {
    const key = `${step.service}:${step.operation}`;
    const first = !seen.has(key);
    seen.add(key);
    it(`${step.service} ${step.operation}${first ? '' : ' (again, for later steps)'}`, async () => {
      const model = loadModel(step.service);
      const op = model.operations[step.operation];
      const input = buildInput(step, ctx);
      if (step.expectError) {
        const error = await send(ctx.clients[step.actor ?? 'owner'], step.service, step.operation, input).then(
          () => undefined,
          (e: Error & { $metadata?: { httpStatusCode?: number } }) => e,
        );
        expect([error?.name, error?.$metadata?.httpStatusCode], `${step.operation} answers as AWS does`).toEqual([step.expectError, 400]);
        if (first) covered.get(step.service)!.add(step.operation);
        return;
      }
      const output = await send(ctx.clients[step.actor ?? 'owner'], step.service, step.operation, input);
      const problems = op.output ? checkOutput(model, op.output.shape, stripMetadata(output)) : [];
      expect(problems, `${step.operation} output`).toEqual([]);
      step.after?.(ctx, output);
      if (first) {
        validInputs.set(step, input);
        covered.get(step.service)!.add(step.operation);
      }
    });
  }
});

describe('every operation refuses each broken constraint of its input', () => {
  for (const step of PLAN.filter((s) => s.checkViolations)) {
    it(`${step.service} ${step.operation}`, async () => {
      const valid = validInputs.get(step);
      expect(valid, `the valid ${step.operation} request must have succeeded first`).toBeDefined();
      const model = loadModel(step.service);
      const cases = violations(model, model.operations[step.operation].input!.shape, valid!);
      const failures: string[] = [];
      for (const v of cases) {
        const problem = await refusal(step, v);
        if (problem) failures.push(`${v.path} (${v.rule}): ${problem}`);
        else brokenRequests++;
      }
      expect(failures).toEqual([]);
    });
  }
});

function stripMetadata(output: Record<string, unknown>): Record<string, unknown> {
  const { $metadata: _ignored, ...rest } = output;
  return rest;
}

function normalisePath(name: string): string {
  return name
    .replace(/^\//, '')
    .replace(/\//g, '.')
    .replace(/\[\d+\]/g, '')
    .replace(/\.\d+(?=\.|$)/g, '')
    .replace(/^\./, '');
}

/** Undefined when the emulator refused `v` as AWS would; otherwise what was wrong. */
async function refusal(step: Step, v: Violation): Promise<string | undefined> {
  let error: (Error & Record<string, any>) | undefined;
  try {
    await send(ctx.clients[step.actor ?? 'owner'], step.service, step.operation, v.input);
  } catch (e) {
    error = e as Error & Record<string, any>;
  }
  if (!error) return 'accepted';
  const status = error.$metadata?.httpStatusCode;
  if (status !== 400) return `status ${status} ${error.name}: ${error.message}`;
  const wanted = normalisePath(v.path);
  switch (step.service) {
    case 'lattice': {
      if (error.name !== 'ValidationException') return `${error.name}: ${error.message}`;
      if (error.reason !== 'fieldValidationFailed') return `reason ${error.reason}`;
      const names: string[] = (error.fieldList ?? []).map((f: { name: string }) => normalisePath(f.name));
      if (!names.some((n) => n === wanted || n.endsWith(`.${v.leaf}`) || n === v.leaf)) return `fieldList ${JSON.stringify(error.fieldList)} does not name ${wanted}`;
      return undefined;
    }
    case 'ram': {
      if (!['ValidationException', 'InvalidParameterException', 'MissingRequiredParameterException', 'InvalidMaxResultsException'].includes(error.name)) return `${error.name}: ${error.message}`;
      return error.message.includes(v.leaf) ? undefined : `message does not name ${v.leaf}: ${error.message}`;
    }
    case 'sts': {
      if (error.name !== 'ValidationError') return `${error.name}: ${error.message}`;
      return error.message.includes(v.leaf) ? undefined : `message does not name ${v.leaf}: ${error.message}`;
    }
    case 'ec2': {
      if (!['InvalidParameterValue', 'MissingParameter', 'InvalidParameter', 'InvalidParameterCombination'].includes(error.name)) return `${error.name}: ${error.message}`;
      return error.message.includes(v.leaf) ? undefined : `message does not name ${v.leaf}: ${error.message}`;
    }
  }
}
