// What a service gives the framework (its registry entry) and what a handler receives.
import type { ServiceModel, ValidationIssue } from '@/lib/models';
import type { ServiceError } from '../protocols/errors';
import type { KindDefinition, Store } from '../store/index';
import type { RuntimeConfig } from '../config';

export type ServiceName = 'vpc-lattice' | 'ram' | 'ec2' | 'sts' | 'iam' | 'lambda' | 'logs' | 'tagging';

/** Who is calling: the account and the principal the credentials stand for. */
export interface Caller {
  account: string;
  /** `arn:aws:iam::ACCOUNT:root`, or `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`. */
  arn: string;
  userId: string;
  accessKeyId?: string;
}

/** Everything a handler may use. Handlers are synchronous: a request is one transaction. */
export interface OperationContext<Input = Record<string, any>> {
  service: ServiceName;
  operation: string;
  input: Input;
  caller: Caller;
  /** The caller's account (same as caller.account). */
  account: string;
  region: string;
  /** `account:region`, the key of per-account, per-region state. */
  scope: string;
  /** Milliseconds since the epoch, fixed for the whole request. */
  now: number;
  requestId: string;
  store: Store;
  config: RuntimeConfig;
  local: LocalContext;
}

export type Handler = (ctx: OperationContext) => unknown;

/** How one service spells the errors the framework raises for it. */
export interface ErrorDialect {
  validation(issues: ValidationIssue[]): ServiceError;
  cannotParse(message: string): ServiceError;
  unknownOperation(what: string): ServiceError;
  throttling(): ServiceError;
  internal(): ServiceError;
  missingAuthentication(): ServiceError;
  unrecognizedClient(): ServiceError;
  /** A signature that does not match; `message` when the reason is more specific (expired). */
  invalidSignature(message?: string): ServiceError;
  expiredToken(): ServiceError;
}

export interface ServiceDefinition {
  name: ServiceName;
  /** The SigV4 credential scope's service, which routes the request. */
  signingName: string;
  protocol: 'rest-json' | 'ec2' | 'query' | 'json';
  model: ServiceModel;
  /** Implemented operations; any other operation of the model answers as AWS answers an unknown one. */
  handlers: Record<string, Handler>;
  errors: ErrorDialect;
  /** Store kinds (and their indexes) the service keeps. */
  kinds?: Record<string, KindDefinition>;
  /** Called every few seconds to drop records whose deletion has completed. */
  sweep?(local: LocalContext, now: number): void;
}

/** The running emulator as handlers, seeds and tests see it. */
export interface LocalContext {
  store: Store;
  config: RuntimeConfig;
  services: ReadonlyMap<ServiceName, ServiceDefinition>;
  log(level: 'info' | 'debug', message: string): void;
}
