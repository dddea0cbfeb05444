'use client';
// The canvas's dot grid. Its spacing follows the zoom: far out the dots would be a pixel or two
// apart, a grey haze that says nothing, and the browser would paint that whole-screen pattern
// anew with each frame of a pan. There it is left out.

import { Background, BackgroundVariant, useStore } from '@xyflow/react';

const GAP = 20;
/** Dots closer than this on screen (px) are left out. */
export const MIN_DOT_SPACING_PX = 8;

export function DotBackground({ always = false }: { always?: boolean }) {
  const visible = useStore((s) => always || s.transform[2] * GAP >= MIN_DOT_SPACING_PX);
  return visible ? <Background variant={BackgroundVariant.Dots} gap={GAP} size={1} color="#cbd5e1" /> : null;
}
