// Child process of state-file.test.ts (not a test): opens a state store with a large state in
// the folder given as argv[2] and rewrites it in a loop, printing each generation once written,
// until it is killed.
import { StateStore } from '../../../local-tenant/state/store';
import { seedState } from '../../../local-tenant/state/seed';

const USERS = 3000;
const stateDir = process.argv[2] as string;
const store = StateStore.open(stateDir, {
  reset: false,
  seed: () => seedState({ domain: 'localhost:1', nowMs: 0, plan: 'free', verifiedSenders: [] }),
});
store.mutate((state) => {
  for (let i = state.users.length; i < USERS; i++) {
    state.users.push({
      user_id: `auth0|${i}`,
      email: `user-${i}@example.test`,
      email_verified: false,
      name: 'x'.repeat(500),
      nickname: `user-${i}`,
      picture: '',
      identities: [
        { connection: 'Username-Password-Authentication', provider: 'auth0', user_id: String(i), isSocial: false },
      ],
      app_metadata: {},
      user_metadata: {},
      created_at: '',
      updated_at: '',
      logins_count: 0,
    });
  }
});
let generation = Number(store.state.tenantSettings.generation ?? 0);
for (;;) {
  generation += 1;
  store.mutate((state) => {
    state.tenantSettings.generation = generation;
  });
  process.stdout.write(`${generation}\n`);
}
