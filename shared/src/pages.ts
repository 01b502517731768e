/**
 * Every browser page: its URL and its HTML entry. Vite builds these entries; the server
 * serves each built page at its URL. One list, so the two never disagree.
 */
export const WEB_PAGES: readonly { url: string; entry: string }[] = [
  { url: '/counter/', entry: 'counter-ui/pages/counter/index.html' },
  { url: '/manager/', entry: 'counter-ui/pages/manager/index.html' },
];

export const WEB_OUT_DIR = 'dist/web';
/** Folders whose files make the pages: a newer file there means the build is stale. */
export const WEB_SOURCES = ['counter-ui', 'displays', 'shared/src', 'vite.config.ts'];
