/**
 * The look shared by the citizen's components: large type for a 360 px phone, plain colours
 * with AA contrast, big touch targets, a visible focus ring.
 */
import { css } from 'lit';

export const citizenStyles = css`
  :host { font-family: system-ui, 'Segoe UI', Roboto, 'Noto Sans', sans-serif; color: #1a1a1a; line-height: 1.4; }
  * { box-sizing: border-box; }
  h2 { font-size: 1.15rem; margin: 0 0 0.5rem; }
  p { margin: 0 0 0.5rem; }
  .card { background: #fff; border-radius: 0.75rem; padding: 1rem; box-shadow: 0 1px 3px #0002; }
  button, .button { font: inherit; font-weight: 600; min-height: 2.75rem; padding: 0.55rem 1rem; border-radius: 0.5rem;
    border: 1px solid #0b5cad; background: #0b5cad; color: #fff; cursor: pointer; text-decoration: none;
    display: inline-flex; align-items: center; justify-content: center; }
  button.secondary, .button.secondary { background: #fff; color: #0b3d6e; border-color: #5b6b7b; }
  button.danger { background: #a4000f; border-color: #a4000f; color: #fff; }
  button[disabled] { background: #d5dbe1; border-color: #d5dbe1; color: #3d4852; cursor: not-allowed; }
  button:focus-visible, a:focus-visible, input:focus-visible, textarea:focus-visible {
    outline: 3px solid #f2b705; outline-offset: 2px; }
  input[type='tel'], textarea { font: inherit; width: 100%; padding: 0.55rem; border: 1px solid #5b6b7b; border-radius: 0.5rem; }
  .note { color: #3d4852; font-size: 0.95rem; }
  .error { color: #a4000f; font-weight: 600; }
  .ok { color: #0a6b2d; font-weight: 600; }
  .row { display: flex; flex-wrap: wrap; gap: 0.5rem; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
