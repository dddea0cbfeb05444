// One operation, from input to output: validation from the model, then the handler inside a
// store transaction (journaled before the answer). HTTP requests and in-process calls
// (seeds, tests) both come through here, so they behave identically.
import { randomUUID } from 'node:crypto';
import { buildValidator, type Validator } from '@/lib/models';
import { ServiceError, isServiceError } from './protocols/errors';
import { shapeValue } from './protocols/shapes';
import type { Caller, LocalContext, OperationContext, ServiceDefinition, ServiceName } from './services/types';

const validators = new WeakMap<ServiceDefinition, Validator>();

function validatorOf(service: ServiceDefinition): Validator {
  let validator = validators.get(service);
  if (!validator) validators.set(service, (validator = buildValidator(service.model)));
  return validator;
}

/** Builds every service's validator now rather than on its first request. */
export function prepareValidators(services: Iterable<ServiceDefinition>): void {
  for (const service of services) validatorOf(service);
}

export function rootCaller(account: string): Caller {
  return { account, arn: `arn:aws:iam::${account}:root`, userId: account };
}

export interface RunRequest {
  service: ServiceDefinition;
  operation: string;
  input: Record<string, unknown>;
  caller: Caller;
  region: string;
  requestId?: string;
}

/** Validates and runs one operation; returns the handler's raw output or throws a ServiceError. */
export function runOperation(local: LocalContext, request: RunRequest): unknown {
  const { service, operation } = request;
  const model = service.model.operations[operation];
  const handler = service.handlers[operation];
  if (!model || !handler) throw service.errors.unknownOperation(operation);
  const issues = validatorOf(service)(model.input?.shape, request.input);
  if (issues.length > 0) throw service.errors.validation(issues);
  const ctx: OperationContext = {
    service: service.name,
    operation,
    input: request.input,
    caller: request.caller,
    account: request.caller.account,
    region: request.region,
    scope: `${request.caller.account}:${request.region}`,
    now: Date.now(),
    requestId: request.requestId ?? randomUUID(),
    store: local.store,
    config: local.config,
    local,
  };
  return local.store.transaction(() => {
    const output = handler(ctx);
    if (output instanceof Promise) throw new Error(`${service.name} ${operation}: handlers must be synchronous`);
    return output;
  });
}

export interface CallOperationRequest {
  service: ServiceName;
  operation: string;
  account: string;
  region: string;
  input?: Record<string, unknown>;
  /** Defaults to the account's root user. */
  caller?: Caller;
}

/**
 * Runs an operation in process exactly as an HTTP call would (without SigV4), returning the
 * output as the SDK would (modeled members only, timestamps as Date) and throwing the same
 * ServiceError. Synchronous, so a seed can run many calls inside the store's bulk mode (which
 * journals nothing until it returns, then writes one snapshot) without awaiting between them.
 */
export function callOperationSync(local: LocalContext, request: CallOperationRequest): Record<string, any> {
  const service = local.services.get(request.service);
  if (!service) throw new Error(`unknown service "${request.service}" (known: ${[...local.services.keys()].join(', ')})`);
  const output = runOperation(local, {
    service,
    operation: request.operation,
    input: request.input ?? {},
    caller: request.caller ?? rootCaller(request.account),
    region: request.region,
  });
  const shape = service.model.operations[request.operation]!.output?.shape;
  if (!shape) return {};
  return (shapeValue(service.model, shape, output ?? {}, { timestamps: 'native' }) ?? {}) as Record<string, any>;
}

/** callOperationSync behind the asynchronous face the public API promises. */
export async function callOperation(local: LocalContext, request: CallOperationRequest): Promise<Record<string, any>> {
  return callOperationSync(local, request);
}

export { ServiceError, isServiceError };
