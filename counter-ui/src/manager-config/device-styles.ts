/** The pairing code shown big enough to read across a room to someone holding a TV remote. */
import { css } from 'lit';
import { formStyles } from './config-form.js';

export const deviceStyles = css`
  ${formStyles}
  .wide { grid-column: 1 / -1; }
  .code-box { grid-column: 1 / -1; border: 2px solid #0b5cad; border-radius: 0.5rem; padding: 1rem; background: #f0f6fd; }
  .code-box p { margin: 0.25rem 0; }
  .code-label { font-weight: 600; }
  .code { font-size: 3rem; font-weight: 700; letter-spacing: 0.15em; font-variant-numeric: tabular-nums; color: #0b3d6e; }
  table { margin-block: 1rem; }
`;
