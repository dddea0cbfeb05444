// The AWS service models (botocore JSON) as typed data, loaded once at start-up.
// Routing, validation and response shapes are all read from here.
import { readFileSync } from 'node:fs';

export type ShapeType =
  | 'structure' | 'list' | 'map' | 'string' | 'integer' | 'long' | 'boolean'
  | 'timestamp' | 'blob' | 'double' | 'float';

export interface MemberRef {
  shape: string;
  location?: 'uri' | 'querystring' | 'header' | 'headers' | 'statusCode';
  locationName?: string;
  queryName?: string;
  idempotencyToken?: boolean;
  flattened?: boolean;
  timestampFormat?: string;
}

export interface Shape {
  type: ShapeType;
  members?: Record<string, MemberRef>;
  required?: string[];
  member?: MemberRef;
  key?: MemberRef;
  value?: MemberRef;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  union?: boolean;
  flattened?: boolean;
  timestampFormat?: string;
  exception?: boolean;
  error?: { httpStatusCode?: number; code?: string; senderFault?: boolean };
}

export interface Operation {
  name: string;
  http: { method: string; requestUri: string; responseCode?: number };
  input?: { shape: string };
  output?: { shape: string; resultWrapper?: string };
  errors?: { shape: string }[];
  idempotent?: boolean;
}

export interface Paginator {
  input_token: string;
  output_token: string;
  limit_key?: string;
  result_key: string | string[];
}

export interface ServiceModel {
  metadata: {
    apiVersion: string;
    endpointPrefix: string;
    protocol: 'rest-json' | 'query' | 'ec2' | 'json';
    serviceId: string;
    signingName?: string;
    xmlNamespace?: string;
    /** JSON protocol: the X-Amz-Target prefix (`Logs_20140328`) and version (`1.1`). */
    targetPrefix?: string;
    jsonVersion?: string;
  };
  operations: Record<string, Operation>;
  shapes: Record<string, Shape>;
  paginators: Record<string, Paginator>;
}

export type ModelName = 'vpc-lattice' | 'ram' | 'sts' | 'ec2-subset' | 'iam' | 'lambda' | 'logs' | 'resourcegroupstaggingapi';

const cache = new Map<ModelName, ServiceModel>();

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(new URL(`./${file}`, import.meta.url), 'utf8'));
}

/** The model of one service, with its paginators (empty when the service has none). */
export function loadModel(name: ModelName): ServiceModel {
  const cached = cache.get(name);
  if (cached) return cached;
  const raw = readJson(`${name}.service.json`) as Omit<ServiceModel, 'paginators'>;
  let paginators: Record<string, Paginator> = {};
  try {
    paginators = (readJson(`${name}.paginators.json`) as { pagination: Record<string, Paginator> }).pagination;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  for (const [opName, op] of Object.entries(raw.operations)) op.name = opName;
  const model: ServiceModel = { ...raw, paginators };
  cache.set(name, model);
  return model;
}
