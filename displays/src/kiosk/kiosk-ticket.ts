/**
 * `<luot-kiosk-ticket>`: a ticket just taken: its number (huge), service, the counters that
 * serve it now ("chưa có quầy phục vụ" when none, and then no estimate), people ahead,
 * estimated wait, date and time, priority when claimed, and the QR code that opens the
 * citizen page of this ticket. Two layouts of the same content: the touch screen's, and with
 * the `paper` attribute the 80 mm thermal print's (black on white, 72 mm printable).
 *
 * Properties: `ticket`, `serviceName`, `centerName`, `locale`, `qrUrl` (what the QR encodes,
 * also in the `data-url` attribute of the QR), `qrSvg` (its markup), `paper`.
 */
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { unsafeSVG } from 'lit/directives/unsafe-svg.js';
import type { IssuedTicket } from '../../../shared/src/api/tickets.js';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import { type KioskMessageKey, kioskText } from '../../../shared/src/i18n/kiosk.js';
import { servingCountersText, servingText } from '../../../shared/src/i18n/serving.js';
import { issuedAtText, PRIORITY_KEYS, peopleAhead, waitText } from './kiosk-state.js';

@customElement('luot-kiosk-ticket')
export class KioskTicket extends LitElement {
  static override styles = css`
    :host { display: grid; grid-template-columns: 1fr auto; gap: 1rem 2.5rem; align-items: center;
      background: #fff; color: #1a1a1a; border-radius: 1rem; padding: 2rem 2.5rem; box-shadow: 0 2px 8px #0003; }
    .heading { margin: 0; font-size: 1.6rem; font-weight: 600; color: #333; }
    .number { margin: 0; font-size: clamp(6rem, 16vw, 11rem); line-height: 1; font-weight: 800;
      letter-spacing: 0.04em; color: #0b3d6e; font-variant-numeric: tabular-nums; }
    .center { display: none; }
    dl { display: grid; grid-template-columns: auto 1fr; gap: 0.4rem 1.25rem; margin: 1rem 0 0; font-size: 1.5rem; }
    dt { color: #444; } dd { margin: 0; font-weight: 700; }
    dd.none { color: #8a1c00; }
    .qr { display: grid; justify-items: center; gap: 0.75rem; max-width: 18rem; text-align: center; font-size: 1.2rem; }
    .qr-code { width: 15rem; height: 15rem; }
    .qr-code svg { display: block; width: 100%; height: 100%; }
    .footer { display: none; }
    .info { margin: 0.6em 0 0; font-size: 0.8em; line-height: 1.35; }

    /* 80 mm thermal paper: 4 mm margins leave the 72 mm a thermal head prints. */
    :host([paper]) { display: block; box-sizing: border-box; width: 80mm; padding: 3mm 4mm 4mm; border-radius: 0;
      box-shadow: none; color: #000; background: #fff; font-family: Arial, 'Liberation Sans', sans-serif;
      text-align: center; break-inside: avoid; }
    :host([paper]) .center { display: block; margin: 0 0 1.5mm; font-size: 3.4mm; font-weight: 700; }
    :host([paper]) .heading { font-size: 3.6mm; color: #000; }
    :host([paper]) .number { font-size: 19mm; color: #000; margin: 1mm 0; }
    :host([paper]) dl { font-size: 3.4mm; gap: 0.6mm 2mm; margin: 1mm 0 2mm; text-align: start; }
    :host([paper]) dt { color: #000; }
    :host([paper]) .qr { max-width: none; margin: 0 auto; font-size: 3mm; gap: 1mm; }
    :host([paper]) .qr-code { width: 32mm; height: 32mm; }
    :host([paper]) .footer { display: block; margin: 2mm 0 0; font-size: 3.2mm; border-top: 0.3mm dashed #000; padding-top: 1.5mm; }
    @media (max-width: 900px) { :host(:not([paper])) { grid-template-columns: 1fr; } }
  `;

  @property({ attribute: false }) ticket: IssuedTicket | null = null;
  @property() serviceName = '';
  @property() centerName = '';
  /** The center's hours and hotline, printed under the figures (shared/src/center-info.ts). */
  @property({ attribute: false }) centerInfo: string[] = [];
  @property() locale: Locale = 'vi';
  @property() qrUrl = '';
  @property({ attribute: false }) qrSvg = '';
  @property({ type: Boolean, reflect: true }) paper = false;

  override render() {
    const ticket = this.ticket;
    if (!ticket) return null;
    const t = (k: KioskMessageKey, p?: Record<string, string | number>) => kioskText(this.locale, k, p);
    const ahead = peopleAhead(ticket);
    const serving = ticket.servingCounters;
    return html`
      <div class="main">
        <p class="center">${this.centerName}</p>
        <p class="heading">${t('ticket.heading')}</p>
        <p class="number" data-number=${ticket.number}>${ticket.number}</p>
        <dl>
          <dt>${t('ticket.service')}</dt><dd data-field="service">${this.serviceName}</dd>
          ${
            serving
              ? html`<dt>${servingText(this.locale, 'serving.label')}</dt>
                <dd data-field="counters" class=${serving.length === 0 ? 'none' : ''}>${servingCountersText(this.locale, serving)}</dd>`
              : null
          }
          <dt>${t('ticket.ahead')}</dt><dd data-field="ahead">${ahead ?? '—'}</dd>
          <dt>${t('ticket.wait')}</dt><dd data-field="wait">${waitText(ticket.estimatedWaitSeconds, this.locale, serving)}</dd>
          <dt>${t('ticket.issuedAt')}</dt><dd data-field="issued">${issuedAtText(ticket.issuedAt, this.locale)}</dd>
          ${ticket.priority ? html`<dt>${t('ticket.priority')}</dt><dd data-field="priority">${t(PRIORITY_KEYS[ticket.priority])}</dd>` : null}
        </dl>
        ${this.centerInfo.length ? html`<p class="info" data-field="center-info">${this.centerInfo.map((l, i) => html`${i ? html`<br />` : null}${l}`)}</p>` : null}
      </div>
      <div class="qr">
        <div class="qr-code" role="img" aria-label=${t('ticket.qrLabel', { number: ticket.number })}
          data-url=${this.qrUrl}>${unsafeSVG(this.qrSvg)}</div>
        <span>${t('ticket.qrHint')}</span>
      </div>
      <p class="footer">${t('ticket.watchBoard')}</p>`;
  }
}
