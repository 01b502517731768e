/**
 * What the board's panels share: the heading bar (an uppercase title, and the page indicator
 * when the panel pages), and the size unit. Sizes are in vmin, so a 1080-pixel panel reads the
 * same in landscape and portrait; the smallest text on the board is 3.3vmin (36 px at 1080p,
 * read from 5 m).
 */
import { css } from 'lit';

export const panelStyles = css`
  .bar { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 0 2vmin;
    min-width: 0; }
  h2 { margin: 0; font-size: 3.6vmin; line-height: 1.2; font-weight: 600; color: #c9d6e8; text-transform: uppercase;
    letter-spacing: 0.05em; }
  .page { font-size: 3.4vmin; font-weight: 600; color: #c9d6e8; white-space: nowrap; font-variant-numeric: tabular-nums; }
  .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;
