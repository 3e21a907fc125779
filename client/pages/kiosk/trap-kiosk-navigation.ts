/**
 * Keeps a kiosk on its survey: the back gesture/button lands on the same page
 * again (a history entry is pushed back on every popstate), no link can be
 * followed, and the long-press context menu (open in new tab, copy link…)
 * never appears. Returns a function that undoes it all.
 */
export function trapKioskNavigation(): () => void {
  const stay = () => history.pushState({ kiosk: true }, '', location.href);
  stay();
  const onPopState = () => stay();
  const onContextMenu = (event: Event) => event.preventDefault();
  const onClick = (event: MouseEvent) => {
    const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
    // Downloads (the staff export) stay allowed; they do not leave the page.
    if (link && !link.hasAttribute('download')) event.preventDefault();
  };
  const onDragStart = (event: DragEvent) => event.preventDefault();
  window.addEventListener('popstate', onPopState);
  document.addEventListener('contextmenu', onContextMenu, { capture: true });
  document.addEventListener('click', onClick, { capture: true });
  document.addEventListener('dragstart', onDragStart, { capture: true });
  return () => {
    window.removeEventListener('popstate', onPopState);
    document.removeEventListener('contextmenu', onContextMenu, { capture: true });
    document.removeEventListener('click', onClick, { capture: true });
    document.removeEventListener('dragstart', onDragStart, { capture: true });
  };
}
