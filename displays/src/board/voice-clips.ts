/// <reference types="vite/client" />
/**
 * The recorded clips (displays/audio/vi, made by displays/scripts/make-voice-clips.sh), as
 * URLs the build emits beside the page: clip id → URL.
 */
const files = import.meta.glob<string>('../../audio/vi/*.ogg', {
  eager: true,
  query: '?url&no-inline',
  import: 'default',
});

export const CLIP_URLS: ReadonlyMap<string, string> = new Map(
  Object.entries(files).map(([path, url]) => [path.slice(path.lastIndexOf('/') + 1, -'.ogg'.length), url]),
);
