// The registry: one entry per service (signing name, protocol, model, handlers, error dialect).
// A request is routed to the entry whose signing name is its SigV4 credential scope's service.
import { ec2Service } from './ec2/index';
import { iamService } from './iam/index';
import { lambdaService } from './lambda/index';
import { latticeService } from './lattice/index';
import { logsService } from './logs/index';
import { ramService } from './ram/index';
import { stsService } from './sts/index';
import { taggingService } from './tagging/index';
import type { ServiceDefinition, ServiceName } from './types';

export type { ServiceDefinition, ServiceName } from './types';

/** Every service lattice-local serves, by name. */
export function buildServices(): Map<ServiceName, ServiceDefinition> {
  return new Map<ServiceName, ServiceDefinition>(
    [latticeService, ramService, ec2Service, stsService, iamService, lambdaService, logsService, taggingService].map((service) => [service.name, service]),
  );
}
