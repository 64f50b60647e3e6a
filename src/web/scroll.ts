/** Brings a line into view and gives it the keyboard focus, so its gloss shows and reading goes on from there. */
export function scrollToLine(id: string): void {
  requestAnimationFrame(() => {
    const el = document.getElementById(id);
    if (!el) return;
    el.scrollIntoView({ block: 'center' });
    el.focus({ preventScroll: true });
  });
}
