'use client';
// What sharing marks on the canvas need from the page: account names, whether the user may
// answer invitations, and what to do once one is answered (rediscover, so the edge goes).
import { createContext, useContext } from 'react';

export interface SharingCanvasValue {
  accountNames: ReadonlyMap<string, string>;
  canAnswer: boolean;
  onAnswered?: (decision: 'accept' | 'reject') => void;
}

export const SharingCanvasContext = createContext<SharingCanvasValue>({ accountNames: new Map(), canAnswer: false });

export function useSharingCanvas(): SharingCanvasValue {
  return useContext(SharingCanvasContext);
}
