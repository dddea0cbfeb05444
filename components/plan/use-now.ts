'use client';
import { useEffect, useState } from 'react';

/** The current time, ticking every `ms` while `running` (for live durations); still otherwise. */
export function useNow(running: boolean, ms = 500): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [running, ms]);
  return now;
}
