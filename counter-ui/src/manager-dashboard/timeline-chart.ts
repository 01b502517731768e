/**
 * `<luot-timeline-chart>`: people waiting and the average wait over the day, drawn with uPlot
 * (small and fast); redrawn in place when new points arrive.
 */
import { css, html, LitElement, type PropertyValues, unsafeCSS } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import uPlot from 'uplot';
import uPlotCss from 'uplot/dist/uPlot.min.css?inline';
import type { TimelinePoint } from '../../../shared/src/api/dashboard.js';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import { managerText } from '../../../shared/src/i18n/manager.js';
import { axisTop, chartTimeFormats } from './chart-scales.js';

const HEIGHT = 220;
/** Narrow enough for a phone's card (390 px less the page's and the card's padding). */
const MIN_WIDTH = 260;

@customElement('luot-timeline-chart')
export class TimelineChart extends LitElement {
  static override styles = [
    unsafeCSS(uPlotCss),
    css`:host { display: block; min-height: 240px; min-width: 0; }`,
  ];

  @property({ attribute: false }) points: TimelinePoint[] = [];
  @property() locale: Locale = 'vi';
  /** Times are drawn in the center's zone, whatever the browser's. */
  @property() timezone = 'Asia/Ho_Chi_Minh';
  @query('.plot') private plotHost!: HTMLDivElement;
  #plot: uPlot | null = null;
  /** The chart follows its box: a phone turned, a window narrowed, a page loaded wide then resized. */
  #resize = new ResizeObserver(() => this.#plot?.setSize({ width: this.#width(), height: HEIGHT }));

  #width(): number {
    return Math.max(MIN_WIDTH, this.clientWidth || 640);
  }

  #data(): uPlot.AlignedData {
    return [
      this.points.map((p) => new Date(p.at).getTime() / 1000),
      this.points.map((p) => p.waiting),
      this.points.map((p) => (p.averageWaitSeconds === null ? null : Math.round(p.averageWaitSeconds / 60))),
    ];
  }

  override updated(changed: PropertyValues<this>): void {
    if ((changed.has('locale') || changed.has('timezone')) && this.#plot) {
      this.#plot.destroy();
      this.#plot = null;
    }
    if (!this.#plot) {
      const t = (k: Parameters<typeof managerText>[1]) => managerText(this.locale, k);
      const time = chartTimeFormats(this.locale, this.timezone);
      this.#plot = new uPlot(
        {
          width: this.#width(),
          height: HEIGHT,
          tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), this.timezone),
          scales: {
            y: { range: (_u, _min, max) => [0, axisTop(max)] },
            min: { range: (_u, _min, max) => [0, axisTop(max)] },
          },
          series: [
            { label: t('chart.time'), value: (_u, v) => (v === null ? '--' : time.legend(v)) },
            { label: t('chart.waiting'), stroke: '#0b5cad', width: 2 },
            { label: t('chart.avgWait'), stroke: '#b35c00', width: 2, scale: 'min' },
          ],
          axes: [{ values: (_u, splits) => splits.map((s) => time.tick(s)) }, {}, { scale: 'min', side: 1 }],
          // The axes are canvas: the y top is also written on the host, for people's tools and tests.
          hooks: {
            setScale: [
              (u, key) => {
                if (key === 'y') this.plotHost.dataset.yTop = String(u.scales.y?.max ?? '');
              },
            ],
          },
        },
        this.#data(),
        this.plotHost,
      );
    } else if (changed.has('points')) {
      this.#plot.setData(this.#data());
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#resize.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize.disconnect();
    this.#plot?.destroy();
    this.#plot = null;
  }

  override render() {
    return html`<div class="plot" role="img" aria-label=${managerText(this.locale, 'dashboard.chart')}></div>`;
  }
}
