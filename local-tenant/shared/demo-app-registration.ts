// Where the demo app lives on the tenant's plain-HTTP listener: the login side registers its
// client with these URLs (login/demo-seed.ts), and the demo app (demo-app/, an app the caller
// adds) serves them.
export const DEMO_APP_PATH = '/demo/';
export const DEMO_CALLBACK_PATH = '/demo/callback';
