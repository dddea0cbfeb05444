// callOperation, synchronously: the same validation, handler, transaction and output shaping,
// so a seed can run inside the store's bulk mode (which journals nothing until it returns,
// then writes one snapshot) without awaiting between calls.
import { rootCaller, runOperation, type CallOperationRequest } from '../dispatch';
import { shapeValue } from '../protocols/shapes';
import type { LocalContext } from '../services/types';

export function callSync(local: LocalContext, request: CallOperationRequest): Record<string, any> {
  const service = local.services.get(request.service);
  if (!service) throw new Error(`unknown service "${request.service}"`);
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
