import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { App } from './app-type.js';
import { publicConfigRoutes } from './public-config.routes.js';

async function publicConfig(publicUrl: string | null) {
  const app = Fastify().withTypeProvider<TypeBoxTypeProvider>() as App;
  publicConfigRoutes(app, publicUrl);
  try {
    const reply = await app.inject({ method: 'GET', url: '/api/public-config' });
    return { status: reply.statusCode, body: reply.json() };
  } finally {
    await app.close();
  }
}

describe('GET /api/public-config', () => {
  it('gives PUBLIC_URL without a trailing slash, for QR codes', async () => {
    expect(await publicConfig('https://luot.example.vn/')).toEqual({
      status: 200,
      body: { publicUrl: 'https://luot.example.vn', configured: true },
    });
  });

  it('gives the request origin when PUBLIC_URL is unset, and says it is not configured', async () => {
    // inject sends Host: localhost:80; the loopback name is swapped for a LAN address if any.
    const { status, body } = await publicConfig(null);
    expect(status).toBe(200);
    expect(body.configured).toBe(false);
    expect(new URL(body.publicUrl).protocol).toBe('http:');
  });
});
