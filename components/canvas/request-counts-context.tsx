'use client';
// Request counts from the access logs, drawn on service boxes. Read after the canvas is drawn, in
// one call, so discovery and layout never wait for CloudWatch Logs.
import { createContext, useContext } from 'react';

export interface RequestCount {
  total: number;
  clientErrors: number;
  serverErrors: number;
}

export const RequestCountsContext = createContext<ReadonlyMap<string, RequestCount>>(new Map());

export function useRequestCount(serviceId: string): RequestCount | undefined {
  return useContext(RequestCountsContext).get(serviceId);
}

/** A compact badge: requests in the window, and 4xx / 5xx when there are any. */
export function RequestCountBadge({ serviceId }: { serviceId: string }) {
  const c = useRequestCount(serviceId);
  if (!c) return null;
  return (
    <span
      className="inline-flex items-center gap-1 rounded bg-slate-100 px-1 py-0.5 text-[10px] font-medium normal-case tracking-normal text-slate-600"
      title={`Last hour, from the access logs: ${c.total} requests, ${c.clientErrors} answered 4xx, ${c.serverErrors} answered 5xx`}
      data-testid="request-count"
      data-total={c.total}
      data-4xx={c.clientErrors}
      data-5xx={c.serverErrors}
    >
      {c.total} req
      {c.clientErrors > 0 && <span className="text-amber-700">{c.clientErrors} 4xx</span>}
      {c.serverErrors > 0 && <span className="text-red-700">{c.serverErrors} 5xx</span>}
    </span>
  );
}
