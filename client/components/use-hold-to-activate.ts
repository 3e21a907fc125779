/**
 * Activation by holding a control down (finger, mouse, or Enter/Space) for a
 * while. On a shared kiosk this keeps the staff panel, which shows other
 * visitors' answers, out of reach of a casual tap, while staying usable by keyboard.
 */
import { useEffect, useRef, type KeyboardEvent, type PointerEvent } from 'react';

export function useHoldToActivate(holdMs: number, onActivate: () => void) {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const activate = useRef(onActivate);
  activate.current = onActivate;
  useEffect(() => () => clearTimeout(timer.current), []);

  const start = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => activate.current(), holdMs);
  };
  const cancel = () => clearTimeout(timer.current);
  const isActivationKey = (event: KeyboardEvent) => event.key === 'Enter' || event.key === ' ';

  return {
    onPointerDown: (event: PointerEvent) => {
      event.preventDefault();
      start();
    },
    onPointerUp: cancel,
    onPointerLeave: cancel,
    onPointerCancel: cancel,
    onKeyDown: (event: KeyboardEvent) => {
      if (!isActivationKey(event)) return;
      event.preventDefault();
      if (!event.repeat) start();
    },
    onKeyUp: (event: KeyboardEvent) => {
      if (isActivationKey(event)) cancel();
    },
  };
}
