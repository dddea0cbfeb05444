// The AWS JSON protocol (CloudWatch Logs is JSON 1.1): every request is `POST /` with
// `X-Amz-Target: <targetPrefix>.<Operation>` and the input shape as a JSON body; answers are
// the output shape as JSON, errors `{"__type": code, "message": …}` with the status.
import type { Operation, ServiceModel } from '@/lib/models';
import { ServiceError, type WireResponse } from './errors';
import { shapeValue } from './shapes';

/** The operation an `X-Amz-Target` header names, when it is this model's prefix. */
export function jsonTarget(model: ServiceModel, header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const dot = value.lastIndexOf('.');
  if (dot < 0 || value.slice(0, dot) !== model.metadata.targetPrefix) return undefined;
  return value.slice(dot + 1);
}

const contentType = (model: ServiceModel) => `application/x-amz-json-${model.metadata.jsonVersion ?? '1.1'}`;

export function readJsonInput(model: ServiceModel, operation: Operation, body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8').trim();
  if (!operation.input) return {};
  if (text.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ServiceError('SerializationException', 'Unable to parse request body as JSON', 400);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ServiceError('SerializationException', 'Request body must be a JSON object', 400);
  return parsed as Record<string, unknown>;
}

export function writeJsonOutput(model: ServiceModel, operation: Operation, output: unknown, requestId: string): WireResponse {
  const body = operation.output ? shapeValue(model, operation.output.shape, output ?? {}, { timestamps: 'unixTimestamp', wireNames: true }) : {};
  return { status: 200, headers: { 'content-type': contentType(model), 'x-amzn-requestid': requestId }, body: JSON.stringify(body ?? {}) };
}

export function writeJsonError(model: ServiceModel, error: ServiceError, requestId: string): WireResponse {
  const headers: Record<string, string> = { 'content-type': contentType(model), 'x-amzn-requestid': requestId };
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
  return { status: error.status, headers, body: JSON.stringify({ __type: error.code, message: error.message, ...error.fields }) };
}
