/**
 * Calls onIdle after `idleMs` without a touch, click, key or scroll anywhere on
 * the page. Listens in the capture phase, so no component can swallow activity.
 */
import { useEffect, useRef } from 'react';

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'input', 'scroll'] as const;

export function useIdleTimeout(options: { enabled: boolean; idleMs: number; onIdle: () => void }): void {
  const onIdle = useRef(options.onIdle);
  onIdle.current = options.onIdle;
  const { enabled, idleMs } = options;

  useEffect(() => {
    if (!enabled) return;
    let timer = setTimeout(() => onIdle.current(), idleMs);
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(() => onIdle.current(), idleMs);
    };
    for (const type of ACTIVITY_EVENTS) document.addEventListener(type, restart, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      for (const type of ACTIVITY_EVENTS) document.removeEventListener(type, restart, { capture: true });
    };
  }, [enabled, idleMs]);
}
