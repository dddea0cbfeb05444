'use client';
// The canvas by keyboard: Tab reaches each box (React Flow makes them focusable), Enter or
// Space on a focused box opens its details, and Esc closes the details panel.

import { useCallback, useEffect, type KeyboardEvent } from 'react';

/** Inside these, Esc belongs to the control (a menu, a dialog, a text field). */
const OWNS_ESCAPE = 'input, textarea, select, [role=dialog], [role=menu], [role=listbox], [aria-modal=true]';

export function useCanvasKeyboard({ open, onOpen, onClose }: { open: boolean; onOpen: (id: string) => void; onClose: () => void }) {
  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      const target = event.target as HTMLElement;
      // Only the box itself: a button inside it (Open, Close) does its own job.
      if (!target.classList.contains('react-flow__node')) return;
      const id = target.dataset.id;
      if (!id || target.classList.contains('react-flow__node-account')) return;
      event.preventDefault();
      onOpen(id);
    },
    [onOpen],
  );

  useEffect(() => {
    if (!open) return;
    const onEscape = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      if (event.target instanceof Element && event.target.closest(OWNS_ESCAPE)) return;
      onClose();
    };
    document.addEventListener('keydown', onEscape);
    return () => document.removeEventListener('keydown', onEscape);
  }, [open, onClose]);

  return { onKeyDown };
}
