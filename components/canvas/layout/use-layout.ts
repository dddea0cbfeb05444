'use client';
// Lays out a graph off the main thread: ELK in a Web Worker with a deadline for graphs it
// handles in seconds, the grid layout for larger ones or when ELK runs late (the worker is
// then terminated, since ELK cannot be interrupted). Results are cached by input, so a
// refresh that changes nothing moves nothing.

import { useEffect, useState } from 'react';
import { gridLayout } from './grid-layout';
import { layoutKey } from './layout-input';
import type { LayoutInput, LayoutResult } from './types';

/** Above this many boxes the grid is used straight away (ELK lays out each group; big groups already use the grid). */
export const ELK_MAX_BOXES = 1200;
export const ELK_DEADLINE_MS = 6000;

const cache = new Map<string, LayoutResult>();
let nextRequest = 1;

function runElk(input: LayoutInput, deadlineMs: number): Promise<LayoutResult | null> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    } catch {
      resolve(null);
      return;
    }
    const id = nextRequest++;
    const timer = setTimeout(() => {
      worker.terminate();
      resolve(null);
    }, deadlineMs);
    worker.onmessage = (event: MessageEvent<{ id: number; result?: LayoutResult; error?: string }>) => {
      if (event.data.id !== id) return;
      clearTimeout(timer);
      worker.terminate();
      resolve(event.data.result ?? null);
    };
    worker.onerror = () => {
      clearTimeout(timer);
      worker.terminate();
      resolve(null);
    };
    worker.postMessage({ id, input });
  });
}

export async function computeLayout(input: LayoutInput, options: { deadlineMs?: number } = {}): Promise<LayoutResult> {
  const key = layoutKey(input);
  const cached = cache.get(key);
  if (cached) return cached;
  let result: LayoutResult | null = null;
  if (input.boxes.length <= ELK_MAX_BOXES) result = await runElk(input, options.deadlineMs ?? ELK_DEADLINE_MS);
  if (!result) result = gridLayout(input);
  cache.set(key, result);
  if (cache.size > 20) cache.delete(cache.keys().next().value!);
  return result;
}

export interface LayoutState {
  /** The layout of the current input, or null while it is being computed. */
  layout: LayoutResult | null;
  pending: boolean;
}

export function useLayout(input: LayoutInput | null): LayoutState {
  const key = input ? layoutKey(input) : null;
  const [computed, setComputed] = useState<{ key: string; layout: LayoutResult } | null>(null);
  const cached = key ? cache.get(key) : undefined;
  useEffect(() => {
    if (!input || !key || cache.has(key)) return;
    let cancelled = false;
    computeLayout(input).then((layout) => {
      if (!cancelled) setComputed({ key, layout });
    });
    return () => {
      cancelled = true;
    };
    // The key stands for the input.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const layout = cached ?? (computed && computed.key === key ? computed.layout : null);
  return { layout, pending: !!key && !layout };
}
