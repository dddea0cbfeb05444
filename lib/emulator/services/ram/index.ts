// AWS RAM in lattice-local: REST-JSON, the resource-share operations the console uses.
import { loadModel } from '@/lib/models/loader';
import type { ServiceDefinition } from '../types';
import { ramErrorDialect } from './errors';
import { ramHandlers } from './handlers';
import { RAM_KINDS } from './state';

export const ramService: ServiceDefinition = {
  name: 'ram',
  signingName: 'ram',
  protocol: 'rest-json',
  model: loadModel('ram'),
  handlers: ramHandlers,
  errors: ramErrorDialect,
  kinds: RAM_KINDS,
};

export { setOrganization, organizationOf, type Organization } from './organization';
export { INVITATION_TTL_MS } from './state';
