/**
 * Printing one ticket on 80 mm thermal paper. The page is exactly as tall as the ticket
 * (measured, since service names wrap), so a roll printer cuts one ticket per page and
 * wastes no paper. In Chromium's --kiosk-printing mode `window.print()` prints at once,
 * without a dialog.
 */

export const PAPER_WIDTH_MM = 80;
const PX_PER_MM = 96 / 25.4;
const STYLE_ID = 'luot-ticket-page';

/** Sizes the printed page to the ticket: 80 mm wide, as tall as `paper` is laid out. */
export function fitPageTo(paper: Element): void {
  const heightMm = Math.ceil(paper.getBoundingClientRect().height / PX_PER_MM) + 2;
  let style = document.getElementById(STYLE_ID);
  if (!style) {
    style = document.createElement('style');
    style.id = STYLE_ID;
    document.head.append(style);
  }
  style.textContent = `@page { size: ${PAPER_WIDTH_MM}mm ${heightMm}mm; margin: 0; }`;
}

export function printTicket(paper: Element): void {
  fitPageTo(paper);
  window.print();
}
