import { useEffect, useRef, useState } from 'react';

/** Seconds left of a countdown that starts on mount; calls onDone once at zero. */
export function useCountdown(seconds: number, onDone: () => void): number {
  const [left, setLeft] = useState(seconds);
  const done = useRef(onDone);
  done.current = onDone;
  useEffect(() => {
    const endsAt = Date.now() + seconds * 1000;
    const tick = () => {
      const remaining = Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));
      setLeft(remaining);
      if (remaining === 0) {
        clearInterval(interval);
        done.current();
      }
    };
    const interval = setInterval(tick, 250);
    return () => clearInterval(interval);
  }, [seconds]);
  return left;
}
