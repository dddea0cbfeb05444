// REST-JSON: find the operation from the model's `http.requestUri` templates and method, read
// labels, query string, headers and body into the input shape, write the output shape back.
import type { MemberRef, Operation, ServiceModel, Shape } from '@/lib/models';
import { jsonTooDeep, MAX_JSON_DEPTH } from './limits';
import { ServiceError } from './errors';
import { readScalar, shapeValue } from './shapes';

interface RouteSegment {
  literal?: string;
  label?: string;
  greedy?: boolean;
}

interface Route {
  operation: Operation;
  method: string;
  segments: RouteSegment[];
  /** Literal query keys in the template (`/x?versions`), which must be present. */
  requiredQuery: [string, string | undefined][];
  literalCount: number;
}

export interface RouteMatch {
  operation: Operation;
  labels: Record<string, string>;
}

export interface Router {
  match(method: string, rawPath: string, query: URLSearchParams): RouteMatch | undefined;
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment.length > 0);
}

/** Compiles every operation's URI template; literal segments win over labels. */
export function buildRouter(model: ServiceModel): Router {
  const routesByMethod = new Map<string, Route[]>();
  for (const operation of Object.values(model.operations)) {
    const [pathPart, queryPart] = operation.http.requestUri.split('?');
    const segments: RouteSegment[] = splitPath(pathPart!).map((segment) => {
      const label = /^\{([^}+]+)(\+)?\}$/.exec(segment);
      return label ? { label: label[1], greedy: label[2] === '+' } : { literal: segment };
    });
    const requiredQuery: [string, string | undefined][] = queryPart
      ? queryPart.split('&').map((pair) => {
          const [k, v] = pair.split('=');
          return [k!, v];
        })
      : [];
    const route: Route = {
      operation,
      method: operation.http.method,
      segments,
      requiredQuery,
      literalCount: segments.filter((s) => s.literal !== undefined).length + requiredQuery.length,
    };
    const list = routesByMethod.get(route.method) ?? [];
    list.push(route);
    routesByMethod.set(route.method, list);
  }
  for (const list of routesByMethod.values()) list.sort((a, b) => b.literalCount - a.literalCount);

  return {
    match(method, rawPath, query) {
      const parts = splitPath(rawPath);
      for (const route of routesByMethod.get(method) ?? []) {
        const labels = matchSegments(route.segments, parts);
        if (!labels) continue;
        if (!route.requiredQuery.every(([k, v]) => query.has(k) && (v === undefined || query.get(k) === v))) continue;
        return { operation: route.operation, labels };
      }
      return undefined;
    },
  };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function matchSegments(segments: RouteSegment[], parts: string[]): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  let i = 0;
  for (let s = 0; s < segments.length; s++) {
    const segment = segments[s]!;
    if (segment.greedy) {
      const rest = segments.length - s - 1;
      const take = parts.length - i - rest;
      if (take < 1) return undefined;
      labels[segment.label!] = parts.slice(i, i + take).map(decodeSegment).join('/');
      i += take;
      continue;
    }
    const part = parts[i];
    if (part === undefined) return undefined;
    if (segment.literal !== undefined) {
      if (segment.literal !== part) return undefined;
    } else {
      labels[segment.label!] = decodeSegment(part);
    }
    i++;
  }
  return i === parts.length ? labels : undefined;
}

function cannotParse(message: string): ServiceError {
  // Requests the SDK cannot have produced: the body or a bound value does not parse.
  return new ServiceError('SerializationException', message, 400);
}


/** JSON body values renamed from their wire names to member names, recursively. */
function readBodyValue(model: ServiceModel, shapeName: string, value: unknown): unknown {
  const shape = model.shapes[shapeName];
  if (!shape || value === null || value === undefined) return value;
  if (shape.type === 'structure' && typeof value === 'object' && !Array.isArray(value)) {
    const source = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [name, member] of Object.entries(shape.members ?? {})) {
      const wire = member.locationName ?? name;
      if (wire in source) out[name] = readBodyValue(model, member.shape, source[wire]);
    }
    return out;
  }
  if (shape.type === 'list' && Array.isArray(value)) return value.map((item) => readBodyValue(model, shape.member!.shape, item));
  if (shape.type === 'map' && typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, readBodyValue(model, shape.value!.shape, v)]),
    );
  }
  return value;
}

export interface RestJsonRequest {
  labels: Record<string, string>;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** The operation's input, read from every place the model binds a member to. */
export function readRestJsonInput(model: ServiceModel, operation: Operation, request: RestJsonRequest): Record<string, unknown> {
  if (!operation.input) return {};
  const shape = model.shapes[operation.input.shape]!;
  let body: Record<string, unknown> = {};
  const text = request.body.toString('utf8').trim();
  if (text.length > 0) {
    if (jsonTooDeep(text)) throw cannotParse(`Request body nests deeper than ${MAX_JSON_DEPTH} levels`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw cannotParse('Unable to parse request body as JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw cannotParse('Request body must be a JSON object');
    body = parsed as Record<string, unknown>;
  }
  const input: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(shape.members ?? {})) {
    const value = readMember(model, name, member, request, body);
    if (value !== undefined) input[name] = value;
  }
  return input;
}

function readMember(
  model: ServiceModel,
  name: string,
  member: MemberRef,
  request: RestJsonRequest,
  body: Record<string, unknown>,
): unknown {
  const shape = model.shapes[member.shape]!;
  const wire = member.locationName ?? name;
  switch (member.location) {
    case 'uri': {
      const raw = request.labels[wire];
      return raw === undefined ? undefined : readScalar(shape, raw);
    }
    case 'querystring': {
      if (shape.type === 'map') {
        const out: Record<string, unknown> = {};
        for (const [k, v] of request.query) out[k] = v;
        return Object.keys(out).length ? out : undefined;
      }
      const values = request.query.getAll(wire);
      if (values.length === 0) return undefined;
      if (shape.type === 'list') return values.map((v) => readScalar(model.shapes[shape.member!.shape]!, v));
      return readScalar(shape, values[0]!);
    }
    case 'header': {
      const raw = request.headers[wire.toLowerCase()];
      if (raw === undefined) return undefined;
      const text = Array.isArray(raw) ? raw.join(', ') : raw;
      if (shape.type === 'list') return text.split(',').map((v) => readScalar(model.shapes[shape.member!.shape]!, v.trim()));
      return readScalar(shape, text);
    }
    case 'headers': {
      const prefix = wire.toLowerCase();
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(request.headers)) {
        if (k.startsWith(prefix) && v !== undefined) out[k.slice(prefix.length)] = Array.isArray(v) ? v.join(', ') : v;
      }
      return Object.keys(out).length ? out : undefined;
    }
    case 'statusCode':
      return undefined;
    default:
      return body[wire] === undefined ? undefined : readBodyValue(model, member.shape, body[wire]);
  }
}

export interface SuccessWire {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The success answer: the model's response code, header-bound members, and a JSON body. */
export function writeRestJsonOutput(model: ServiceModel, operation: Operation, output: unknown, requestId: string): SuccessWire {
  const status = operation.http.responseCode ?? 200;
  const headers: Record<string, string> = { 'x-amzn-requestid': requestId };
  const shape = operation.output ? model.shapes[operation.output.shape] : undefined;
  if (!shape || status === 204) return { status, headers, body: '' };
  const source = (output ?? {}) as Record<string, unknown>;
  for (const [name, member] of Object.entries(shape.members ?? {})) {
    if (member.location === 'header' && source[name] !== undefined) headers[(member.locationName ?? name).toLowerCase()] = String(source[name]);
  }
  const body = shapeValue(model, operation.output!.shape, source, { timestamps: 'unixTimestamp', bodyOnly: true, wireNames: true });
  headers['content-type'] = 'application/json';
  return { status, headers, body: JSON.stringify(body ?? {}) };
}
