// The demo app as the surfaces a caller adds to the local tenant (startLocalTenant's `apps`):
// its pages under /demo/ and the email-change budget's test control.
import type { Surface } from '../local-tenant/shared/surface';
import { budgetControlSurface } from './budget-control-surface';
import { demoAppSurface, type DemoHost } from './demo-app-surface';

export const DEMO_APP_SURFACES: readonly Surface<DemoHost>[] = [demoAppSurface, budgetControlSurface];
