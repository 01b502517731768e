/**
 * Every browser page: its URL and its HTML entry. Vite builds these entries; the server
 * serves each built page at its URL. One list, so the two never disagree.
 */
export const WEB_PAGES: readonly { url: string; entry: string }[] = [
  { url: '/counter/', entry: 'counter-ui/pages/counter/index.html' },
  { url: '/ticket/', entry: 'displays/pages/ticket/index.html' },
  { url: '/ticket/new', entry: 'displays/pages/ticket-new/index.html' },
  { url: '/kiosk/', entry: 'displays/pages/kiosk/index.html' },
  { url: '/display/', entry: 'displays/pages/board/index.html' },
  { url: '/display/counter/', entry: 'displays/pages/counter-display/index.html' },
  { url: '/manager/', entry: 'counter-ui/pages/manager/index.html' },
  { url: '/manager/config', entry: 'counter-ui/pages/manager-config/index.html' },
  { url: '/manager/province', entry: 'counter-ui/pages/manager-province/index.html' },
  { url: '/manager/reports', entry: 'counter-ui/pages/manager-reports/index.html' },
];

/**
 * Scripts built under a fixed name, not a hashed one: a service worker's URL must never change,
 * and it is served from the folder its scope covers.
 */
export const WEB_WORKERS: readonly { url: string; entry: string; file: string; scope: string }[] = [
  {
    url: '/ticket/sw.js',
    entry: 'displays/src/citizen-ticket/service-worker.ts',
    file: 'ticket/sw.js',
    scope: '/ticket/',
  },
];

export const WEB_OUT_DIR = 'dist/web';
/** Folders whose files make the pages: a newer file there means the build is stale. */
export const WEB_SOURCES = ['counter-ui', 'displays', 'shared/src', 'vite.config.ts'];
