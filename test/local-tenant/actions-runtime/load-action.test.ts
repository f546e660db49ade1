// Loading and running Action code: CommonJS in node:vm, the modules Auth0 allows, module-level
// code once per instance, the time limit, logs per execution, and the caller's event left alone.
import { loadAction } from '../../../local-tenant/actions-runtime';
import { postLoginEvent } from '../../helpers/post-login-event';

const handler = (body: string) => `exports.onExecutePostLogin = async (event, api) => {\n${body}\n};`;

describe('require', () => {
  test('gives Node built-ins and records each request', async () => {
    const action = loadAction(
      `const { createHash } = require('node:crypto'); const util = require('util');\n${handler(`api.access.deny(createHash('sha256').update('x').digest('hex').slice(0, 8) + util.format('%d', 1));`)}`,
    );
    const record = await action.onExecutePostLogin(postLoginEvent());
    expect(record.denied).toEqual({ reason: '2d711642' + '1' });
    expect(action.required).toEqual([
      { specifier: 'node:crypto', allowed: true },
      { specifier: 'util', allowed: true },
    ]);
  });

  test('refuses an npm package the Action does not declare, as Node refuses a missing module', async () => {
    const action = loadAction(`const jose = require('jose');\n${handler('')}`);
    const record = await action.onExecutePostLogin(postLoginEvent());
    expect(record.outcome).toBe('failed');
    expect(record.error).toEqual({ message: "Cannot find module 'jose'" });
    expect(action.required).toEqual([{ specifier: 'jose', allowed: false }]);
  });

  test('gives a declared npm package', async () => {
    const action = loadAction(
      `const handlebars = require('handlebars');\n${handler(`api.access.deny(typeof handlebars.compile);`)}`,
      { dependencies: ['handlebars'] },
    );
    expect((await action.onExecutePostLogin(postLoginEvent())).denied).toEqual({ reason: 'function' });
  });
});

describe('module-level code', () => {
  test('runs once, on the first execution, and its state is reused after', async () => {
    const action = loadAction(
      `let runs = 0; console.log('init');\n${handler(`runs += 1; api.access.deny(String(runs));`)}`,
    );
    expect(action.required).toEqual([]);
    const first = await action.onExecutePostLogin(postLoginEvent());
    const second = await action.onExecutePostLogin(postLoginEvent());
    expect([first.denied?.reason, second.denied?.reason]).toEqual(['1', '2']);
    expect(first.logs).toEqual(['init']);
    expect(second.logs).toEqual([]);
  });

  test('an error at module level fails every execution, not just the first', async () => {
    const action = loadAction(`throw new Error('bad init');\n${handler('')}`);
    expect((await action.onExecutePostLogin(postLoginEvent())).error).toEqual({ message: 'bad init' });
    expect((await action.onExecutePostLogin(postLoginEvent())).error).toEqual({ message: 'bad init' });
  });

  test('code that does not parse is refused when loaded', () => {
    expect(() =>
      loadAction('exports.onExecutePostLogin = async (event, api) => {', { filename: 'broken/code.js' }),
    ).toThrow(/^broken\/code\.js is not valid JavaScript: Unexpected token '\)'\. Rebuild it with npm run build\.$/);
  });

  test('an entry point the code does not export fails the execution, naming it', async () => {
    const record = await loadAction(handler('')).onContinuePostLogin(postLoginEvent());
    expect(record.error).toEqual({ message: 'The Action does not export onContinuePostLogin.' });
  });
});

describe('the time limit (20 s on Auth0; injected here)', () => {
  test('ends an execution that never settles', async () => {
    const record = await loadAction(handler('await new Promise(() => {});'), { timeoutMs: 50 }).onExecutePostLogin(
      postLoginEvent(),
    );
    expect(record.outcome).toBe('failed');
    expect(record.error?.message).toBe(
      'The Action did not finish within 50 ms, so the login ends in an error (Auth0 allows 20000 ms per trigger execution).',
    );
  });

  test('ends a synchronous endless loop too', async () => {
    const action = loadAction(handler('api.access.deny("x"); for (;;) {}'), { timeoutMs: 50 });
    const record = await action.onExecutePostLogin(postLoginEvent());
    expect(record.outcome).toBe('failed');
    expect(record.denied).toBeUndefined();
    expect(record.error?.message).toMatch(/^The Action did not finish within 50 ms/);
  });

  test('a per-execution limit overrides the one given at load', async () => {
    const action = loadAction(handler('await new Promise(() => {});'), { timeoutMs: 60_000 });
    expect((await action.onExecutePostLogin(postLoginEvent(), { timeoutMs: 20 })).error?.message).toMatch(
      /within 20 ms/,
    );
  });
});

describe('what the Action sees and leaves', () => {
  test('has the Web Crypto global of Node 22, as Auth0 runs Actions', async () => {
    const record = await loadAction(handler('api.access.deny(crypto.randomUUID());')).onExecutePostLogin(
      postLoginEvent(),
    );
    expect(record.denied?.reason).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('cannot read the host process environment', async () => {
    process.env.ACTIONS_RUNTIME_TEST_SECRET = 'do-not-leak';
    try {
      const record = await loadAction(
        handler('api.access.deny(String(process.env.ACTIONS_RUNTIME_TEST_SECRET));'),
      ).onExecutePostLogin(postLoginEvent());
      expect(record.denied).toEqual({ reason: 'undefined' });
    } finally {
      delete process.env.ACTIONS_RUNTIME_TEST_SECRET;
    }
  });

  test('logs go to the execution that wrote them, also after an await, when executions overlap', async () => {
    const action = loadAction(
      handler(
        'console.log("start", event.user.user_id); await new Promise((r) => setTimeout(r, 10)); console.log("end", event.user.user_id);',
      ),
    );
    const [a, b] = await Promise.all([
      action.onExecutePostLogin(postLoginEvent({ user: { user_id: 'auth0|a' } })),
      action.onExecutePostLogin(postLoginEvent({ user: { user_id: 'auth0|b' } })),
    ]);
    expect(a.logs).toEqual(['start auth0|a', 'end auth0|a']);
    expect(b.logs).toEqual(['start auth0|b', 'end auth0|b']);
  });

  test('records the URLs it fetches', async () => {
    const record = await loadAction(
      handler('try { await fetch("http://127.0.0.1:9/nothing"); } catch {}'),
    ).onExecutePostLogin(postLoginEvent());
    expect(record.fetched).toEqual(['http://127.0.0.1:9/nothing']);
  });

  test("changes the Action makes to its event never reach the caller's", async () => {
    const event = postLoginEvent();
    await loadAction(
      handler('event.user.email = "changed@example.test"; api.transaction.setMetadata("k", "v");'),
    ).onExecutePostLogin(event);
    expect(event.user.email).toBe('ada@example.test');
    expect(event.transaction?.metadata).toEqual({});
  });
});
