import { describe, expect, it } from 'vitest';
import type { Mailer } from '../../src/mail/mailer.ts';
import type { SubscriberStore } from '../../src/subscribers/subscriber-store.ts';
import { createWebApp } from '../../src/web/create-web-app.tsx';
import type { RouteGroup } from '../../src/web/route-group.ts';
import { webConfig } from './web-harness.ts';

describe('deferred work (mail after the response)', () => {
  it('starts a task only after the handler has answered, and logs its failure', async () => {
    const events: string[] = [];
    const logged: string[] = [];
    const group: RouteGroup = (app, context) => {
      app.get('/work', (c) => {
        context.defer('the task', async () => {
          events.push('task started');
          throw new Error('mail server down');
        });
        events.push('handler returned');
        return c.text('ok');
      });
    };
    // The store and mailer are never reached: only the route above runs.
    const web = createWebApp(
      {
        config: webConfig('http://127.0.0.1'),
        store: {} as SubscriberStore,
        mailer: {} as Mailer,
        log: (text, error) => logged.push(`${text}: ${(error as Error).message}`),
      },
      [group],
    );
    const response = await web.app.request('/work');
    expect(await response.text()).toBe('ok');
    expect(events).toEqual(['handler returned']);
    await web.idle();
    expect(events).toEqual(['handler returned', 'task started']);
    expect(logged).toEqual(['the task failed: mail server down']);
  });
});
