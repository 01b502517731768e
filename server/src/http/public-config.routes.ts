/**
 * What a public face needs to know about the deployment: the public URL that QR codes on
 * printed tickets point to (PUBLIC_URL), or null, in which case the page uses its own origin.
 */
import { Type } from 'typebox';
import type { App } from './app-type.js';

const PublicConfig = Type.Object({ publicUrl: Type.Union([Type.String(), Type.Null()]) });

export function publicConfigRoutes(app: App, publicUrl: string | null): void {
  app.get('/api/public-config', { schema: { tags: ['centers'], response: { 200: PublicConfig } } }, () => ({
    publicUrl: publicUrl?.replace(/\/+$/, '') ?? null,
  }));
}
