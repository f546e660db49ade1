// Node reads NODE_EXTRA_CA_CERTS only when a process starts, so a script that talks to the
// local tenant's HTTPS and was started without it runs itself again with it set.
import { spawnSync } from 'node:child_process';

export function rerunTrusting(caCertPath: string | undefined): boolean {
  if (!caCertPath || process.env.NODE_EXTRA_CA_CERTS === caCertPath) return false;
  const result = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, NODE_EXTRA_CA_CERTS: caCertPath },
  });
  process.exitCode = result.status ?? 1;
  return true;
}
