/**
 * Tables that become stacked cards on a phone (under 40rem, where seven or ten columns cannot
 * fit and the page must never scroll sideways). Opt in with `class="stack"` on the table and a
 * `data-label` (the column's name) on each figure cell. Each row becomes a card: its row header,
 * and any cell without a label (a name, the actions), runs across the top; every labelled cell
 * becomes a small tile with its column's name above the value; a cell marked `class="title"` (a
 * row's name when it is not its first cell) heads the card, and one marked `class="long"` (a
 * service's full name) takes two tiles. Wider screens keep the table.
 *
 * The column headers stay for screen readers (hidden from sight, not removed), and the labels
 * drawn by CSS carry empty alternative text (`/ ""`), so no cell is announced twice.
 */
import { css } from 'lit';

export const stackedTables = css`
  @media (max-width: 40rem) {
    table.stack, table.stack tbody, table.stack caption { display: block; }
    table.stack thead {
      position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap;
    }
    table.stack tr {
      display: grid; grid-template-columns: repeat(auto-fill, minmax(6.5rem, 1fr)); gap: 0.4rem 0.75rem;
      padding: 0.6rem 0.75rem; border-top: 1px solid #e3e6ea;
    }
    table.stack th, table.stack td { display: block; padding: 0; border: 0; min-width: 0; overflow-wrap: anywhere; }
    table.stack tbody th, table.stack td:not([data-label]) { grid-column: 1 / -1; }
    table.stack tbody th, table.stack td.title { font-size: 1.05em; font-weight: 700; }
    table.stack td.title { order: -1; }
    table.stack td.long { grid-column: span 2; }
    table.stack td[data-label]::before {
      content: attr(data-label) / ''; display: block; font-size: 0.85em; font-weight: 600; color: #4a4f55;
    }
    table.stack tr.breached td[data-label]::before { color: inherit; }
  }
`;
